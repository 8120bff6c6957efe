// SPDX-License-Identifier: GPL-2.0
/*
 * A module that splats on purpose, so the tests can check that qemu/run
 * fails a run whose guest log shows one.  kind=warn: WARN_ON; kind=kasan:
 * an out-of-bounds read KASAN reports.
 */
#include <linux/module.h>
#include <linux/slab.h>

static char *kind = "warn";
module_param(kind, charp, 0444);
MODULE_PARM_DESC(kind, "warn or kasan");

static int __init splat_init(void)
{
	char *p;

	if (!strcmp(kind, "kasan")) {
		p = kmalloc(16, GFP_KERNEL);
		if (p)
			pr_info("splat: read past the end: %d\n", READ_ONCE(p[16]));
		kfree(p);
	} else {
		WARN_ON(1);
	}
	return 0;
}

static void __exit splat_exit(void)
{
}

module_init(splat_init);
module_exit(splat_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("gosym test helper: splat on purpose");
