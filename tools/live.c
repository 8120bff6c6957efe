// SPDX-License-Identifier: GPL-2.0
/*
 * The live source: the gosym module's debugfs files (SPEC.md).  The module
 * formats the answers; plain output passes them through unchanged and
 * --json converts them.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../module/gosym_line.h"
#include "batch.h"
#include "commands.h"
#include "output.h"
#include "util.h"

/* Addresses per write to lookup: well under the module's write limit. */
#define BATCH_BYTES	4000

static int open_live(const struct source *src, const char *file, int flags)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", src->path, file);
	fd = open(path, flags | O_CLOEXEC);
	if (fd < 0)
		errorf("%s: %s%s", path, strerror(errno),
		       errno == ENOENT ? " (is the gosym module loaded? or use -e FILE)" : "");
	return fd;
}

static FILE *open_live_stream(const struct source *src, const char *file)
{
	int fd = open_live(src, file, O_RDONLY);
	FILE *fp;

	if (fd < 0)
		return NULL;
	fp = fdopen(fd, "r");
	if (!fp) {
		errorf("%s: %s", file, strerror(errno));
		close(fd);
	}
	return fp;
}

/* Send one batch of requests and hand each line that comes back to emit. */
static int flush_batch(int fd, char *batch, size_t *len,
		       void (*emit)(char *line))
{
	char buf[65536], *line, *nl;
	size_t have = 0;
	ssize_t n;

	if (!*len)
		return 0;
	if (write(fd, batch, *len) != (ssize_t)*len) {
		errorf("writing addresses: %s", strerror(errno));
		return -1;
	}
	*len = 0;
	for (;;) {
		n = read(fd, buf + have, sizeof(buf) - 1 - have);
		if (n < 0) {
			errorf("reading answers: %s", strerror(errno));
			return -1;
		}
		have += n;
		buf[have] = 0;
		line = buf;
		while ((nl = strchr(line, '\n'))) {
			*nl = 0;
			emit(line);
			line = nl + 1;
		}
		have -= line - buf;
		memmove(buf, line, have);
		if (!n)
			return 0;
	}
}

static int add_addr(int fd, char *batch, size_t *len, const char *addr)
{
	size_t n = strlen(addr);

	if (*len + n + 1 > BATCH_BYTES && flush_batch(fd, batch, len, print_lookup_lines))
		return -1;
	memcpy(batch + *len, addr, n);
	*len += n;
	batch[(*len)++] = '\n';
	return 0;
}

/*
 * Addresses from in, each lot answered as it arrives (batch.c's reader),
 * those before a bad one included.  Returns an exit status.
 */
static int live_lookup_stream(int fd, char *batch, size_t *len, FILE *in)
{
	static struct addr_reader r;
	uint64_t pcs[256];
	struct batch b = { .pcs = pcs, .cap = ARRAY_SIZE(pcs) };
	char word[32];
	size_t i;
	int got;

	addr_reader_init(&r, fileno(in));
	do {
		got = addr_reader_fill(&r, &b);
		for (i = 0; i < b.n; i++) {
			snprintf(word, sizeof(word), "0x%llx",
				 (unsigned long long)pcs[i]);
			if (add_addr(fd, batch, len, word))
				return EXIT_USAGE;
		}
		if (flush_batch(fd, batch, len, print_lookup_lines))
			return EXIT_USAGE;
		fflush(stdout);
	} while (got > 0);
	return got ? EXIT_USAGE : EXIT_OK;
}

int live_lookup(struct source *src, char **addrs, int n, FILE *in, bool inl)
{
	char batch[BATCH_BYTES];
	size_t len = 0;
	int fd, i, ret = EXIT_USAGE;

	fd = open_live(src, "lookup", O_RDWR);
	if (fd < 0)
		return EXIT_USAGE;
	/* the mode holds for the rest of this open file's requests */
	if (inl && add_addr(fd, batch, &len, "inline on"))
		goto out;
	if (!n) {
		ret = live_lookup_stream(fd, batch, &len, in);
		goto out;
	}
	for (i = 0; i < n; i++)
		if (add_addr(fd, batch, &len, addrs[i]))
			goto out;
	if (!flush_batch(fd, batch, &len, print_lookup_lines))
		ret = EXIT_OK;
out:
	close(fd);
	return ret;
}

/* A funcs-shaped line (START<TAB>END<TAB>NAME) from the module, reprinted. */
static bool emit_func_line(char *line)
{
	char *f[3];

	f[0] = strtok(line, "\t");
	f[1] = strtok(NULL, "\t");
	f[2] = strtok(NULL, "");
	if (!f[0] || !f[1] || !f[2])
		return false;
	print_func(strtoull(f[0], NULL, 16), strtoull(f[1], NULL, 16), f[2]);
	return true;
}

static unsigned long ranges_seen;

static void emit_range(char *line)
{
	if (emit_func_line(line))
		ranges_seen++;
	else
		errorf("unexpected line from the module: %s", line);
}

int live_pcs(struct source *src, const char *file, int32_t line)
{
	char req[GOSYM_LINE_MAX];
	size_t len;
	int fd, ret = EXIT_USAGE;

	len = snprintf(req, sizeof(req), "pcs %s:%d\n", file, line);
	if (len >= sizeof(req)) {
		errorf("file name too long");
		return EXIT_USAGE;
	}
	fd = open_live(src, "lookup", O_RDWR);
	if (fd < 0)
		return EXIT_USAGE;
	ranges_seen = 0;
	if (!flush_batch(fd, req, &len, emit_range))
		ret = ranges_seen ? EXIT_OK : EXIT_NOTFOUND;
	if (ret == EXIT_NOTFOUND)
		errorf("no code at %s:%d", file, line);
	close(fd);
	return ret;
}

/*
 * bt PID: each thread of the process, as the module unwinds it ("bt TID"
 * requests to lookup), in the order /proc lists them.  bt PID G: the parked
 * goroutine whose runtime.g is at G ("gbt PID G").
 */
int cmd_bt(struct source *src, int argc, char **argv)
{
	char path[64], req[96];
	struct dirent *d;
	uint64_t g = 0;
	size_t len;
	char *end;
	DIR *dir;
	long pid;
	int fd, ret = EXIT_OK;

	pid = argc == 2 || argc == 3 ? strtol(argv[1], &end, 10) : 0;
	if (pid <= 0 || *end ||
	    (argc == 3 && (gosym_parse_addr(argv[2], &g) || !g))) {
		errorf("usage: gosym bt PID [G]");
		return EXIT_USAGE;
	}
	if (src->kind != SOURCE_LIVE) {
		errorf("bt unwinds a running process through the module: give no -e or -t");
		return EXIT_USAGE;
	}
	snprintf(path, sizeof(path), "/proc/%ld/task", pid);
	dir = opendir(path);
	if (!dir) {
		errorf("%s: %s", path, strerror(errno));
		return EXIT_USAGE;
	}
	fd = open_live(src, "lookup", O_RDWR);
	if (fd < 0) {
		closedir(dir);
		return EXIT_USAGE;
	}
	if (g) {
		len = snprintf(req, sizeof(req), "gbt %ld 0x%llx\n", pid,
			       (unsigned long long)g);
		if (flush_batch(fd, req, &len, print_lookup_lines))
			ret = EXIT_USAGE;
	}
	while (!g && ret == EXIT_OK && (d = readdir(dir))) {
		if (d->d_name[0] < '0' || d->d_name[0] > '9')
			continue;
		len = snprintf(req, sizeof(req), "bt %s\n", d->d_name);
		if (flush_batch(fd, req, &len, print_lookup_lines))
			ret = EXIT_USAGE;
	}
	close(fd);
	closedir(dir);
	return ret;
}

/* Every funcs line, or with name the first of that name. */
int live_funcs(struct source *src, const char *name)
{
	char *line = NULL, *tab;
	size_t cap = 0;
	ssize_t n;
	FILE *fp;
	int ret = name ? EXIT_NOTFOUND : EXIT_OK;

	fp = open_live_stream(src, "funcs");
	if (!fp)
		return EXIT_USAGE;
	while ((n = getline(&line, &cap, fp)) > 0) {
		if (line[n - 1] == '\n')
			line[n - 1] = 0;
		tab = strrchr(line, '\t');
		if (!tab || (name && strcmp(name, tab + 1)))
			continue;
		if (!emit_func_line(line))
			continue;
		if (name) {
			ret = EXIT_OK;
			break;
		}
	}
	if (ret == EXIT_NOTFOUND)
		errorf("no function named '%s'", name);
	free(line);
	fclose(fp);
	return ret;
}

int live_info(struct source *src)
{
	char *text = NULL;
	size_t cap = 0;
	FILE *fp;

	fp = open_live_stream(src, "info");
	if (!fp)
		return EXIT_USAGE;
	/* the whole file: it has no NUL */
	if (getdelim(&text, &cap, 0, fp) > 0)
		print_info_text(text);
	free(text);
	fclose(fp);
	return EXIT_OK;
}

/* Set the module's bias for the table just loaded. */
static int write_bias(struct source *src, uint64_t bias)
{
	char buf[32];
	int fd, len, ok;

	fd = open_live(src, "bias", O_WRONLY);
	if (fd < 0)
		return -1;
	len = snprintf(buf, sizeof(buf), "0x%llx\n", (unsigned long long)bias);
	ok = write(fd, buf, len) == len;
	if (!ok)
		errorf("bias: %s", strerror(errno));
	close(fd);
	return ok ? 0 : -1;
}

int cmd_load(struct source *src, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "bias", required_argument, NULL, 'B' },
		{ NULL, 0, NULL, 0 },
	};
	struct source file = { 0 };
	uint64_t bias = 0;
	int c, fd, ret = EXIT_USAGE;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'B' || gosym_parse_addr(optarg, &bias)) {
			errorf("usage: gosym load [--bias N] FILE");
			return EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		errorf("usage: gosym load [--bias N] FILE");
		return EXIT_USAGE;
	}
	if (src->kind != SOURCE_LIVE) {
		errorf("load writes to the live module; give no -e or -t");
		return EXIT_USAGE;
	}
	/* checked here first: a bad table gets a reason, not just EINVAL */
	if (source_open_file(&file, argv[optind]))
		goto out;
	fd = open_live(src, "load", O_WRONLY);
	if (fd < 0)
		goto out;
	/* one write is one table: the module swaps it in whole or not at all */
	if (write_table(&file, fd, !source_funcdata_quiet(&file)))
		errorf("load %s: %s", argv[optind], strerror(errno));
	else if (!bias || !write_bias(src, bias))
		ret = EXIT_OK;
	close(fd);
out:
	source_close(&file);
	return ret;
}
