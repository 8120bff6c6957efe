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
 * The table of this kernel's own .gopclntab section, if it has one, with
 * the inline trees of its .gofunc section, if it has that too.
 * symbol_get() rather than a link-time reference lets the module load on
 * kernels without them.
 */
static struct gosym_loaded *table_from_vmlinux(bool *found)
{
	const char *start = (const char *)symbol_get(__start_gopclntab);
	const char *stop = (const char *)symbol_get(__stop_gopclntab);
	const char *fd_start = (const char *)symbol_get(__start_gofunc);
	const char *fd_stop = (const char *)symbol_get(__stop_gofunc);
	struct gosym_loaded *l = NULL;
	struct gosym_bundle b = { };

	*found = start && stop;
	if (*found) {
		b.table = start;
		b.table_size = stop - start;
		if (fd_start && fd_stop && fd_stop > fd_start) {
			b.funcdata = fd_start;
			b.funcdata_size = fd_stop - fd_start;
		}
		l = gosym_loaded_create(&b, "vmlinux:.gopclntab");
	}
	/* vmlinux never goes away: its bytes need no reference */
	if (start)
		symbol_put(__start_gopclntab);
	if (stop)
		symbol_put(__stop_gopclntab);
	if (fd_start)
		symbol_put(__start_gofunc);
	if (fd_stop)
		symbol_put(__stop_gofunc);
	return IS_ERR(l) ? NULL : l;
}

/* Built-in or on-disk firmware (a table or a bundle), without the helper. */
static struct gosym_loaded *table_from_firmware(bool *found)
{
	const struct firmware *fw;
	struct gosym_loaded *l;
	struct gosym_bundle b;

	*found = !request_firmware_direct(&fw, GOSYM_FIRMWARE, NULL);
	if (!*found)
		return NULL;
	l = ERR_PTR(-EINVAL);
	if (!gosym_bundle_parse(fw->data, fw->size, &b))
		l = gosym_loaded_create(&b, "firmware:" GOSYM_FIRMWARE);
	else
		pr_err("firmware:%s: bad bundle: its sizes do not add up\n",
		       GOSYM_FIRMWARE);
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
