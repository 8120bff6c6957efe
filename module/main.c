// SPDX-License-Identifier: GPL-2.0
/*
 * gosym: Go symbols for the kernel debugger.
 *
 * At init, find a Go pclntab: the .gopclntab section of vmlinux (through
 * its exported bounds), else firmware gosym/pclntab.bin, else none until
 * one is written to debugfs "load".  Then the debugfs files and the kdb
 * commands answer from it.  Documentation/gosym.rst says more.
 */
#include <linux/err.h>
#include <linux/firmware.h>
#include <linux/module.h>

#include "gosym.h"

#define GOSYM_FIRMWARE	"gosym/pclntab.bin"

/*
 * The table of this kernel's own .gopclntab section, if it has one.
 * symbol_get() rather than a link-time reference lets the module load on
 * kernels without the section.
 */
static struct gosym_loaded *table_from_vmlinux(bool *found)
{
	const char *start = (const char *)symbol_get(__start_gopclntab);
	const char *stop = (const char *)symbol_get(__stop_gopclntab);
	struct gosym_loaded *l = NULL;

	*found = start && stop;
	if (*found)
		l = gosym_loaded_create(start, stop - start,
					"vmlinux:.gopclntab");
	/* vmlinux never goes away: its bytes need no reference */
	if (start)
		symbol_put(__start_gopclntab);
	if (stop)
		symbol_put(__stop_gopclntab);
	return IS_ERR(l) ? NULL : l;
}

/* Built-in or on-disk firmware, without the user-space helper. */
static struct gosym_loaded *table_from_firmware(bool *found)
{
	const struct firmware *fw;
	struct gosym_loaded *l;

	*found = !request_firmware_direct(&fw, GOSYM_FIRMWARE, NULL);
	if (!*found)
		return NULL;
	l = gosym_loaded_create(fw->data, fw->size, "firmware:" GOSYM_FIRMWARE);
	if (IS_ERR(l)) {
		release_firmware(fw);
		return NULL;
	}
	l->fw = fw;
	return l;
}

static struct gosym_loaded *find_table(void)
{
	struct gosym_loaded *l;
	bool found;

	l = table_from_vmlinux(&found);
	if (found)
		return l;
	l = table_from_firmware(&found);
	if (!found)
		pr_info("no table: no vmlinux .gopclntab, no firmware %s; write one to debugfs gosym/load\n",
			GOSYM_FIRMWARE);
	return l;
}

static int __init gosym_init(void)
{
	struct gosym_loaded *l = find_table();
	int err;

	if (l)
		pr_info("%s: %s table, %u functions, %llu bytes, ready in %llu us\n",
			l->source, gosym_version_name(l->table.version),
			l->table.nfunc, l->table.size, l->init_ns / 1000);
	gosym_install(l);
	gosym_debugfs_init();
	err = gosym_kdb_init();
	if (err)
		goto err_debugfs;
	return 0;

err_debugfs:
	gosym_debugfs_exit();
	gosym_install(NULL);
	return err;
}

static void __exit gosym_exit(void)
{
	gosym_kdb_exit();
	gosym_debugfs_exit();
	gosym_install(NULL);
}

module_init(gosym_init);
module_exit(gosym_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("gosym developers");
MODULE_DESCRIPTION("Go symbols (pclntab) for the kernel debugger");
MODULE_FIRMWARE(GOSYM_FIRMWARE);
