// SPDX-License-Identifier: GPL-2.0
/*
 * The CLI's answers, as SPEC.md lines or, with --json, as JSON lines with
 * the same content.  Plain look-up lines come from the shared formatter so
 * that the CLI, debugfs and kdb agree to the byte.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../module/gosym_line.h"
#include "output.h"

bool json_output;

static bool kv_first;

/* A JSON string: quotes, backslashes and control bytes escaped. */
static void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

void lookup_from_table(const struct gosym_table *t, uint64_t pc,
		       struct lookup *l)
{
	struct gosym_func fn;
	struct gosym_pos pos;

	if (gosym_func_by_pc(t, pc - t->bias, &fn)) {
		lookup_from_answer(t, pc, NULL, NULL, l);
		return;
	}
	gosym_pc_pos(t, &fn, pc - t->bias, &pos);
	lookup_from_answer(t, pc, &fn, &pos, l);
}

/* The same from an answer already found; fn is NULL for none. */
void lookup_from_answer(const struct gosym_table *t, uint64_t pc,
			const struct gosym_func *fn,
			const struct gosym_pos *pos, struct lookup *l)
{
	memset(l, 0, sizeof(*l));
	l->addr = pc;
	if (!fn)
		return;
	l->found = true;
	l->func = gosym_func_name(t, fn);
	l->off = pc - t->bias - fn->entry;
	l->size = fn->end - fn->entry;
	l->file = pos->file;
	l->line = pos->line;
}

/*
 * Parse a look-up line ("ADDR\tFUNC+0xOFF/0xSIZE\tFILE:LINE") in place.
 * FUNC and FILE may hold '+' and ':' themselves, so split at the last ones.
 */
int lookup_from_line(char *line, struct lookup *l)
{
	char *func, *pos, *plus, *colon, *end;

	memset(l, 0, sizeof(*l));
	func = strchr(line, '\t');
	if (!func)
		return -1;
	*func++ = 0;
	pos = strchr(func, '\t');
	if (!pos || gosym_parse_addr(line, &l->addr))
		return -1;
	*pos++ = 0;
	if (!strcmp(func, "?"))
		return 0;
	plus = strrchr(func, '+');
	colon = strrchr(pos, ':');
	if (!plus || !colon)
		return -1;
	*plus++ = 0;
	*colon++ = 0;
	l->off = strtoull(plus, &end, 16);
	if (*end != '/')
		return -1;
	l->size = strtoull(end + 1, NULL, 16);
	l->line = strtol(colon, NULL, 10);
	l->func = func;
	l->file = pos;
	l->found = true;
	return 0;
}

/*
 * Look-up lines as they come from the formatter or the module, one or
 * more separated by newlines: printed as they are, or with --json one
 * object each, an inlined frame's as {"addr", "func", "inlined": true,
 * "file", "line"}.
 */
void print_lookup_lines(char *lines)
{
	char *line, *next, *f[3], *colon;
	struct lookup l;

	for (line = lines; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		if (!*line && !next)
			break;
		if (!json_output) {
			puts(line);
			continue;
		}
		if (strncmp(line, GOSYM_INLINED, strlen(GOSYM_INLINED))) {
			if (!lookup_from_line(line, &l))
				print_lookup_json(&l);
			continue;
		}
		f[0] = strtok(line + strlen(GOSYM_INLINED), "\t");
		f[1] = strtok(NULL, "\t");
		f[2] = strtok(NULL, "");
		colon = f[2] ? strrchr(f[2], ':') : NULL;
		if (!f[1] || !colon)
			continue;
		*colon++ = 0;
		printf("{\"addr\":\"%s\",\"func\":", f[0]);
		json_string(f[1]);
		printf(",\"inlined\":true,\"file\":");
		json_string(f[2]);
		printf(",\"line\":%ld}\n", strtol(colon, NULL, 10));
	}
}

/* A look-up as a JSON line; plain lines come from gosym_format_lookup(). */
void print_lookup_json(const struct lookup *l)
{
	printf("{\"addr\":\"0x%llx\",\"func\":", (unsigned long long)l->addr);
	if (!l->found) {
		printf("null,\"offset\":null,\"size\":null,\"file\":null,\"line\":0}\n");
		return;
	}
	json_string(l->func);
	printf(",\"offset\":%llu,\"size\":%llu,\"file\":",
	       (unsigned long long)l->off, (unsigned long long)l->size);
	json_string(l->file);
	printf(",\"line\":%ld}\n", l->line);
}

void print_func(uint64_t entry, uint64_t end, const char *name)
{
	if (!json_output) {
		printf("0x%llx\t0x%llx\t%s\n", (unsigned long long)entry,
		       (unsigned long long)end, name);
		return;
	}
	printf("{\"entry\":\"0x%llx\",\"end\":\"0x%llx\",\"name\":",
	       (unsigned long long)entry, (unsigned long long)end);
	json_string(name);
	printf("}\n");
}

void print_kv_begin(void)
{
	kv_first = true;
	if (json_output)
		putchar('{');
}

/* One KEY<TAB>VALUE line, or one member of the JSON object. */
void print_kv(const char *key, const char *fmt, ...)
{
	char value[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(value, sizeof(value), fmt, ap);
	va_end(ap);
	if (!json_output) {
		printf("%s\t%s\n", key, value);
		return;
	}
	if (!kv_first)
		putchar(',');
	kv_first = false;
	json_string(key);
	putchar(':');
	json_string(value);
}

void print_kv_end(void)
{
	if (json_output)
		printf("}\n");
}

/* KEY<TAB>VALUE lines (the info format) as they are, or as one JSON object. */
void print_info_text(char *text)
{
	char *line, *tab;

	print_kv_begin();
	while ((line = strsep(&text, "\n"))) {
		tab = strchr(line, '\t');
		if (!tab)
			continue;
		*tab++ = 0;
		print_kv(line, "%s", tab);
	}
	print_kv_end();
}
