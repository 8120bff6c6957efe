// SPDX-License-Identifier: GPL-2.0
/*
 * gosym core: open, validate, index and query a Go pclntab in place.
 *
 * Freestanding: no C library and no kernel calls, so the same object serves
 * gosym.ko and the gosym CLI.  Every read of the table goes through an
 * offset that gosym_table_open() has checked, or through a bounded reader
 * (pc-value streams, file names), so no byte pattern reads outside it.
 *
 * Layouts (all integers in the table's byte order; "word" is ptrsize):
 *
 * Header, common to all: u32 magic, u8 0, u8 0, u8 quantum, u8 ptrsize.
 *
 * go1.2 (0xfffffffb):
 *	word nfunc
 *	functab: nfunc x { word entry, word funcoff }, word end
 *	u32 filetab offset -> { u32 nfile, u32 stroff[nfile - 1] }
 *	funcoff, name, pc-value and file string offsets are all from the
 *	table start.
 *
 * go1.16 (0xfffffffa):
 *	word nfunc, nfiles, funcnametab, cutab, filetab, pctab, functab
 *	(the last five are offsets from the table start); functab as in
 *	go1.2 but funcoff is relative to functab itself; names are offsets
 *	into funcnametab, pc-value streams into pctab; a file number from
 *	the pcfile stream indexes the function's compilation unit in cutab
 *	(u32 entries), which gives an offset into filetab.
 *
 * go1.18 (0xfffffff0) and go1.20 (0xfffffff1):
 *	word nfunc, nfiles, textStart, funcnametab, cutab, filetab, pctab,
 *	functab; functab entries are { u32 entryoff, u32 funcoff } from
 *	textStart.  go1.20 adds startLine to _func after cuOffset, which no
 *	field read here depends on.
 *
 * _func record (at funcdata + funcoff): entry (a word before go1.18, a u32
 * offset since), then u32 fields: nameoff, args, deferreturn, pcsp, pcfile,
 * pcln, npcdata, cuOffset (go1.16+), ...
 *
 * A pc-value stream is a sequence of (value delta, pc delta) varint pairs;
 * the value delta is zig-zag coded, the pc delta is in units of the quantum,
 * and a zero value delta after the first pair ends the stream.  The value
 * starts at -1 and the pc at the function's entry.
 */
#include "gosym_core.h"

#define GO12_MAGIC	0xfffffffbU
#define GO116_MAGIC	0xfffffffaU
#define GO118_MAGIC	0xfffffff0U
#define GO120_MAGIC	0xfffffff1U

#define HEADER_SIZE	8
#define BUCKET_SHIFT	13	/* 8 KiB of text per bucket */
#define SUB_BITS	3	/* and 8 sub-buckets of 1 KiB in each */
#define SUB_UNKNOWN	0xff
#define CK_SHIFT	10	/* 1 KiB between pcln checkpoint boundaries */
#define CK_SHIFTS	2	/* spacings counted at open: 1 and 2 KiB */
#define LINEAR_SCAN	4	/* candidates few enough to count at once */

/* u32 fields of _func after its entry, counted from 1 as debug/gosym does */
#define FIELD_NAMEOFF	1
#define FIELD_PCFILE	5
#define FIELD_PCLN	6
#define FIELD_CUOFFSET	8

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define HOST_BIG_ENDIAN	true
#else
#define HOST_BIG_ENDIAN	false
#endif

/*
 * The readers below sit on every look-up's path; inline, they took
 * PC-to-function from 27 to 24 ns on a 47k-function table (gosym bench).
 */
static inline u32 rd32(const struct gosym_table *t, u64 off)
{
	u32 v;

	__builtin_memcpy(&v, t->data + off, sizeof(v));
	return t->swap ? __builtin_bswap32(v) : v;
}

static inline u64 rd64(const struct gosym_table *t, u64 off)
{
	u64 v;

	__builtin_memcpy(&v, t->data + off, sizeof(v));
	return t->swap ? __builtin_bswap64(v) : v;
}

/* A field of fieldsize bytes: a word before go1.18, a u32 since. */
static inline u64 rdfield(const struct gosym_table *t, u64 off)
{
	return t->fieldsize == 8 ? rd64(t, off) : rd32(t, off);
}

static u64 rdword(const struct gosym_table *t, u64 off)
{
	return t->ptrsize == 8 ? rd64(t, off) : rd32(t, off);
}

static bool fits(const struct gosym_table *t, u64 off, u64 len)
{
	return off <= t->size && len <= t->size - off;
}

/* Length of the NUL-terminated string at off, or -1 if none ends by end. */
static s64 bounded_strlen(const struct gosym_table *t, u64 off, u64 end)
{
	u64 i;

	for (i = off; i < end; i++)
		if (!t->data[i])
			return i - off;
	return -1;
}

/* strcmp(a, b) == 0, without the C library or the kernel's. */
static bool str_eq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/*
 * A go1.18+ functab entry is two u32s (entry offset, record offset); in
 * the host's byte order, as nearly every table is, each is one load.  The
 * generic reader's three tests (field size, byte order, version) cost the
 * index build a third of its time (188 -> 131 us on 47k functions), whose
 * reads wait on one another.
 */
static inline u32 plain_functab_field(const struct gosym_table *t, u32 i,
				      unsigned int n)
{
	u32 v;

	__builtin_memcpy(&v, t->data + t->functab + (u64)i * 8 + n * 4, 4);
	return v;
}

static inline u64 func_entry(const struct gosym_table *t, u32 i)
{
	u64 v;

	if (likely(t->plain_functab))
		return plain_functab_field(t, i, 0) + t->text_start;
	v = rdfield(t, t->functab + (u64)i * 2 * t->fieldsize);
	return t->version >= GOSYM_GO118 ? v + t->text_start : v;
}

static inline u64 func_record(const struct gosym_table *t, u32 i)
{
	if (likely(t->plain_functab))
		return t->funcdata + plain_functab_field(t, i, 1);
	return t->funcdata +
	       rdfield(t, t->functab + ((u64)i * 2 + 1) * t->fieldsize);
}

static inline u32 func_field(const struct gosym_table *t, u64 rec, unsigned int n)
{
	return rd32(t, rec + t->fieldsize + (n - 1) * 4);
}

/**
 * gosym_version_from_magic() - identify a table layout from its first bytes
 * @data: the table's first bytes
 * @size: how many bytes @data holds
 *
 * Return: an enum gosym_version, or -EINVAL if @data starts no known layout.
 */
int gosym_version_from_magic(const u8 *data, u64 size)
{
	u32 magic;

	if (size < 4)
		return -EINVAL;
	/* the low byte of every magic is its only byte that is not 0xff */
	if (data[0] == 0xff)
		magic = data[3] | data[2] << 8 | data[1] << 16 |
			(u32)data[0] << 24;
	else
		magic = data[0] | data[1] << 8 | data[2] << 16 |
			(u32)data[3] << 24;
	switch (magic) {
	case GO12_MAGIC:
		return GOSYM_GO12;
	case GO116_MAGIC:
		return GOSYM_GO116;
	case GO118_MAGIC:
		return GOSYM_GO118;
	case GO120_MAGIC:
		return GOSYM_GO120;
	}
	return -EINVAL;
}

/**
 * gosym_version_name() - the Go release that introduced a layout
 * @v: the layout
 *
 * Return: "go1.2", "go1.16", "go1.18", "go1.20" or "unknown".
 */
const char *gosym_version_name(enum gosym_version v)
{
	switch (v) {
	case GOSYM_GO12:
		return "go1.2";
	case GOSYM_GO116:
		return "go1.16";
	case GOSYM_GO118:
		return "go1.18";
	case GOSYM_GO120:
		return "go1.20";
	}
	return "unknown";
}

static int refuse(struct gosym_table *t, const char *why)
{
	t->error = why;
	return -EINVAL;
}

/* Magic, pad bytes, quantum and pointer size. */
static int open_header(struct gosym_table *t)
{
	const u8 *d = t->data;
	int v;

	if (t->size < HEADER_SIZE + 8)
		return refuse(t, "table shorter than its header");
	v = gosym_version_from_magic(d, t->size);
	if (v < 0)
		return refuse(t, "unknown magic");
	t->version = v;
	/* the low byte of every magic is its only byte that is not 0xff */
	t->big_endian = d[0] == 0xff;
	t->swap = t->big_endian != HOST_BIG_ENDIAN;
	t->magic = rd32(t, 0);
	if (d[4] || d[5])
		return refuse(t, "nonzero header pad bytes");
	if (d[6] != 1 && d[6] != 2 && d[6] != 4)
		return refuse(t, "bad pc quantum");
	if (d[7] != 4 && d[7] != 8)
		return refuse(t, "bad pointer size");
	t->quantum = d[6];
	t->ptrsize = d[7];
	t->fieldsize = t->version >= GOSYM_GO118 ? 4 : t->ptrsize;
	t->plain_functab = t->version >= GOSYM_GO118 && !t->swap;
	return 0;
}

/* Header word n (after the 8 fixed bytes), which must hold a 32-bit value. */
static int header_word(struct gosym_table *t, unsigned int n, u64 *val)
{
	u64 off = HEADER_SIZE + (u64)n * t->ptrsize;

	if (!fits(t, off, t->ptrsize))
		return refuse(t, "table shorter than its header");
	*val = rdword(t, off);
	if (*val > 0xffffffffULL)
		return refuse(t, "header field out of range");
	return 0;
}

/* The functab's size for nfunc functions, if it fits at off. */
static int open_functab(struct gosym_table *t, u64 off, u64 end)
{
	u64 len;

	if (t->nfunc > (t->size / t->fieldsize) / 2)
		return refuse(t, "function count larger than the table");
	len = ((u64)t->nfunc * 2 + 1) * t->fieldsize;
	if (off > end || len > end - off)
		return refuse(t, "function table outside the table");
	t->functab = off;
	return 0;
}

/*
 * go1.2: word nfunc, functab, u32 filetab offset; everything else is an
 * offset from the table start.
 */
static int open_go12(struct gosym_table *t)
{
	u64 nfunc, fileoff, off;
	int err;

	err = header_word(t, 0, &nfunc);
	if (err)
		return err;
	t->nfunc = nfunc;
	err = open_functab(t, HEADER_SIZE + t->ptrsize, t->size);
	if (err)
		return err;
	off = t->functab + ((u64)t->nfunc * 2 + 1) * t->fieldsize;
	if (!fits(t, off, 4))
		return refuse(t, "file table offset outside the table");
	fileoff = rd32(t, off);
	if (!fits(t, fileoff, 4))
		return refuse(t, "file table outside the table");
	t->nfiles = rd32(t, fileoff);
	if (!fits(t, fileoff, (u64)t->nfiles * 4))
		return refuse(t, "file table outside the table");
	t->filetab = fileoff;
	t->filetab_end = fileoff + (u64)t->nfiles * 4;
	t->funcdata = 0;
	t->funcnametab = 0;
	t->pctab = 0;
	t->cutab = 0;
	return 0;
}

/*
 * go1.16 and later: counts, then region offsets in table order.  Requiring
 * that order gives every region an end, which the checks below rely on.
 */
static int open_go116(struct gosym_table *t)
{
	unsigned int first = t->version >= GOSYM_GO118 ? 3 : 2;
	u64 nfunc, nfiles, text, off[5], prev;
	unsigned int i;
	int err;

	err = header_word(t, 0, &nfunc);
	if (!err)
		err = header_word(t, 1, &nfiles);
	if (err)
		return err;
	if (t->version >= GOSYM_GO118) {
		if (!fits(t, HEADER_SIZE + 2 * t->ptrsize, t->ptrsize))
			return refuse(t, "table shorter than its header");
		text = rdword(t, HEADER_SIZE + 2 * t->ptrsize);
		if (!t->text_start)
			t->text_start = text;
	}
	prev = HEADER_SIZE + (u64)(first + 5) * t->ptrsize;
	for (i = 0; i < 5; i++) {
		err = header_word(t, first + i, &off[i]);
		if (err)
			return err;
		if (off[i] < prev || off[i] > t->size)
			return refuse(t, "region offsets out of order");
		prev = off[i];
	}
	t->nfunc = nfunc;
	t->nfiles = nfiles;
	t->funcnametab = off[0];
	t->cutab = off[1];
	t->filetab = off[2];
	t->filetab_end = off[3];
	t->pctab = off[3];
	t->funcdata = off[4];
	/* a name or file offset inside its region must end inside it */
	if (t->cutab > t->funcnametab && t->data[t->cutab - 1])
		return refuse(t, "function names not NUL-terminated");
	if (t->pctab > t->filetab && t->data[t->pctab - 1])
		return refuse(t, "file names not NUL-terminated");
	return open_functab(t, off[4], t->size);
}

/* The _func record of function i: where it is and what it points to. */
static int check_func(struct gosym_table *t, u32 i, u64 entry)
{
	u64 rec = func_record(t, i);
	u64 reclen = t->fieldsize + (t->version >= GOSYM_GO116 ?
				     FIELD_CUOFFSET : FIELD_PCLN) * 4;
	u64 pclen = t->version >= GOSYM_GO116 ? t->funcdata - t->pctab :
						t->size;
	u64 nameoff, cuoff;

	if (rec < t->funcdata || !fits(t, rec, reclen))
		return refuse(t, "function record outside the table");
	if (rdfield(t, rec) + (t->version >= GOSYM_GO118 ? t->text_start : 0) !=
	    entry)
		return refuse(t, "function record entry differs from functab");
	if (func_field(t, rec, FIELD_PCFILE) >= pclen ||
	    func_field(t, rec, FIELD_PCLN) >= pclen)
		return refuse(t, "pc-value table offset outside the table");
	nameoff = func_field(t, rec, FIELD_NAMEOFF);
	if (t->version == GOSYM_GO12) {
		if (bounded_strlen(t, nameoff, t->size) < 0)
			return refuse(t, "function name outside the table");
		return 0;
	}
	if (nameoff >= t->cutab - t->funcnametab)
		return refuse(t, "function name outside the table");
	cuoff = func_field(t, rec, FIELD_CUOFFSET);
	if (cuoff != 0xffffffffU && cuoff >= (t->filetab - t->cutab) / 4)
		return refuse(t, "compilation unit outside the table");
	return 0;
}

/*
 * Checkpoint boundaries of a function spanning [entry, end) (offsets from
 * pc_lo) at a spacing of 1 << shift: those at least one spacing past the
 * entry.  Returns how many, and in *first the index of the first.
 * Counting, marking and filling must agree: mark_start() restates the rule
 * for boundaries at sub-bucket starts, and finish_set() drops a set that
 * has more marks than the records counted here.
 */
static u64 func_checkpoints(u64 entry, u64 end, u8 shift, u64 *first)
{
	/* one past the last boundary before end */
	u64 stop = end ? ((end - 1) >> shift) + 1 : 0;

	/*
	 * Without a branch for "too small to have any": most functions are,
	 * unpredictably, and open counts the checkpoints of every one.
	 */
	*first = (entry + (2ULL << shift) - 1) >> shift;
	return stop > *first ? stop - *first : 0;
}

/*
 * Entries must not decrease, and every record must check out.  The same
 * pass counts the checkpoints the index will have at its usual spacings,
 * which saves the index a pass over the functions.
 */
static int open_funcs(struct gosym_table *t)
{
	u64 prev = 0, entry, first, count[CK_SHIFTS] = { 0 };
	u32 i, j;
	int err;

	if (t->version >= GOSYM_GO118 &&
	    t->text_start > ~0ULL - 0xffffffffULL)
		return refuse(t, "text start out of range");
	t->pc_lo = t->nfunc ? func_entry(t, 0) : 0;
	for (i = 0; i <= t->nfunc; i++) {
		entry = func_entry(t, i);
		if (i && entry < prev)
			return refuse(t, "function entries out of order");
		for (j = 0; i && j < CK_SHIFTS; j++)
			count[j] += func_checkpoints(prev - t->pc_lo,
						     entry - t->pc_lo,
						     CK_SHIFT + j, &first);
		prev = entry;
		if (i == t->nfunc)
			break;
		err = check_func(t, i, entry);
		if (err)
			return err;
	}
	for (j = 0; j < CK_SHIFTS; j++)
		t->ck_count[j] = count[j];
	t->pc_hi = t->nfunc ? func_entry(t, t->nfunc) : 0;
	return 0;
}

/**
 * gosym_table_open() - check a pclntab and prepare to read it in place
 * @t: the table to fill in
 * @data: the table's bytes; they must stay valid and unchanged while @t is used
 * @size: how many bytes @data holds
 * @text_start: the text address go1.18+ entry offsets are relative to,
 *	or 0 to take the one the table header records
 *
 * Checks the header, every region offset, the function table and every
 * function record; look-ups later follow only what this has checked.
 * Builds no index: see gosym_index_bytes() and gosym_index_build().
 *
 * Return: 0, or -EINVAL with @t->error saying why the table was refused.
 */
int gosym_table_open(struct gosym_table *t, const void *data, u64 size,
		     u64 text_start)
{
	int err;

	*t = (struct gosym_table){ .data = data, .size = size,
				   .text_start = text_start };
	if (size > GOSYM_MAX_TABLE_SIZE)
		return refuse(t, "table larger than 2 GiB");
	err = open_header(t);
	if (err)
		return err;
	if (t->version == GOSYM_GO12) {
		t->text_start = 0;
		err = open_go12(t);
	} else {
		if (t->version == GOSYM_GO116)
			t->text_start = 0;
		err = open_go116(t);
	}
	if (err)
		return err;
	return open_funcs(t);
}

/*
 * The index, in one block of caller memory:
 *
 * Buckets: one u32 per 8 KiB of text naming the function that covers the
 * bucket's first byte, so a PC's function lies between its bucket's and
 * the next one's, and one byte per 1 KiB sub-bucket counting functions on
 * from the bucket's, which narrows that to a function or two (the
 * runtime's findfunctab, at 12 bytes per 8 KiB rather than 20 per 4 KiB).
 * A sub-bucket more than 254 functions on is marked unknown, and the
 * search then spans the whole bucket.
 *
 * Checkpoints: decoding a pc-value stream from the function entry costs
 * hundreds of steps in large functions.  At each checkpoint boundary
 * (pc_lo-aligned) that lies at least one spacing past its function's
 * entry, a checkpoint records a stream's decoder state, so a look-up
 * decodes at most about two spacings of code.  The pcln stream, which
 * changes every few instructions, has them every 1 KiB; pcfile, which
 * changes only around inlined calls, every 2 KiB.  A bitmap with a running
 * count per 64 boundaries finds a boundary's checkpoint in O(1), and a
 * base per 64 boundaries (set by the first state filled among them, half
 * a 16-bit range before it: neighbouring functions' streams lie close on
 * either side in the linker's order) lets a checkpoint keep its stream
 * offset in 16 bits: 5 bytes for pcln (8-bit back), 6 for pcfile, whose
 * ranges are long (16-bit back).  A state that does not fit is marked
 * absent, and look-ups there decode from the entry: 4% of hugo's pcln
 * checkpoints; most absent pcfile ones hold the entry's state anyway.
 * Checkpoints are filled per function on first use, or all at once by
 * gosym_index_fill() for callers that look up concurrently.
 *
 * Both spacings double, pcfile's one or two steps behind pcln's, until the
 * index fits in 1/100 of the table.
 */
#define INDEX_SHARE	100	/* the index stays within size / 100 */
#define CK_REC_LN	5	/* pcln checkpoint: off16, back8, val16 */
#define CK_REC_FL	6	/* pcfile checkpoint: off16, back16, val16 */
#define CK_BASE_SLACK	0x8000	/* how far a base sits before its first state */
#define CK_NO_BASE	0xffffffffU

struct index_layout {
	u8 bucket_shift;
	u32 nbuckets;
	struct gosym_ckset ln, fl;
	u64 bytes;
};

static u32 bucket_count(const struct gosym_table *t, u8 shift)
{
	if (!t->nfunc || t->pc_hi == t->pc_lo)
		return 0;
	return ((t->pc_hi - t->pc_lo - 1) >> shift) + 2;
}

/* Checkpoints of the whole table at a spacing of 1 << shift. */
static u64 count_checkpoints(const struct gosym_table *t, u8 shift)
{
	u64 n = 0, first;
	u32 i;

	if (shift >= CK_SHIFT && shift < CK_SHIFT + CK_SHIFTS)
		return t->ck_count[shift - CK_SHIFT];
	for (i = 0; i < t->nfunc; i++)
		n += func_checkpoints(func_entry(t, i) - t->pc_lo,
				      func_entry(t, i + 1) - t->pc_lo, shift,
				      &first);
	return n;
}

/* A set of checkpoints 1 << shift apart, rec_size bytes each, or none. */
static void plan_set(const struct gosym_table *t, struct gosym_ckset *set,
		     u8 shift, u8 rec_size)
{
	u64 span = t->pc_hi - t->pc_lo;

	*set = (struct gosym_ckset){ .shift = shift, .rec_size = rec_size };
	if (!t->nfunc || (span >> shift) > 0xfffffffeULL)
		return;
	set->ncheckpoints = count_checkpoints(t, shift);
	if (set->ncheckpoints)
		set->nboundaries = (span >> shift) + 1;
}

static u64 set_words(const struct gosym_ckset *set)
{
	return ((u64)set->nboundaries + 63) / 64;
}

/* bits (u64), rank and base (u32) per 64 boundaries; the records */
static u64 set_bytes(const struct gosym_ckset *set)
{
	return set_words(set) * 16 + (u64)set->ncheckpoints * set->rec_size;
}

static u64 layout_bytes(const struct index_layout *l)
{
	return (u64)l->nbuckets * (4 + (1 << SUB_BITS)) + set_bytes(&l->ln) +
	       set_bytes(&l->fl);
}

static void index_layout(const struct gosym_table *t, struct index_layout *l)
{
	u64 span = t->pc_hi - t->pc_lo, budget = t->size / INDEX_SHARE;
	u8 shift, gap;

	/* at most two buckets per function, whatever the entries say */
	l->bucket_shift = BUCKET_SHIFT;
	while (l->bucket_shift < 63 &&
	       (span >> l->bucket_shift) > 2ULL * t->nfunc + 16)
		l->bucket_shift++;
	l->nbuckets = bucket_count(t, l->bucket_shift);
	/* pcfile one or two spacings sparser than pcln */
	for (shift = CK_SHIFT; t->nfunc && shift < 61; shift++) {
		if ((span >> shift) > 0xfffffffeULL)
			continue;
		for (gap = 1; gap <= 2; gap++) {
			plan_set(t, &l->ln, shift, CK_REC_LN);
			plan_set(t, &l->fl, shift + gap, CK_REC_FL);
			if (layout_bytes(l) <= budget || !l->ln.ncheckpoints)
				goto out;
		}
	}
	/* no spacing fits (a tiny table, or entries spread absurdly): none */
	l->ln = (struct gosym_ckset){ .rec_size = CK_REC_LN };
	l->fl = (struct gosym_ckset){ .rec_size = CK_REC_FL };
out:
	l->bytes = layout_bytes(l);
}

/**
 * gosym_index_bytes() - plan the index of an opened table
 * @t: an opened table; the plan is kept in it for gosym_index_build()
 *
 * Return: the memory gosym_index_build() needs, in bytes: at most 1/100
 * of the table, beyond a few words.
 */
u64 gosym_index_bytes(struct gosym_table *t)
{
	struct index_layout l;

	index_layout(t, &l);
	t->bucket_shift = l.bucket_shift;
	t->nbuckets = l.nbuckets;
	t->ck_ln = l.ln;
	t->ck_fl = l.fl;
	t->ncheckpoints = l.ln.ncheckpoints + l.fl.ncheckpoints;
	t->index_bytes = l.bytes;
	return l.bytes;
}

/* Popcount without the compiler's library helper, which modules lack. */
static inline u32 count_bits(u64 v)
{
	v = v - ((v >> 1) & 0x5555555555555555ULL);
	v = (v & 0x3333333333333333ULL) + ((v >> 2) & 0x3333333333333333ULL);
	v = (v + (v >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (v * 0x0101010101010101ULL) >> 56;
}

/*
 * Mark the boundaries of a function spanning [entry, end) in a set; none
 * in a set planned empty.
 */
static void mark_set(struct gosym_ckset *set, u64 entry, u64 end)
{
	u64 k, first, n = func_checkpoints(entry, end, set->shift, &first);

	for (k = first; k < first + n && k < set->nboundaries; k++)
		set->bits[k / 64] |= 1ULL << (k % 64);
}

/*
 * The same for one boundary, where a set's boundaries are sub-bucket
 * starts: sub-bucket sb, x bytes into its function, is boundary sb >> d if
 * its low d bits are clear (func_checkpoints()'s rule, without its
 * data-dependent loop).
 */
static inline void mark_start(const struct gosym_ckset *set, u8 d, u64 sb,
			      u64 x)
{
	u64 k = sb >> d;

	if (!(sb & ((1ULL << d) - 1)) && k < set->nboundaries)
		set->bits[k / 64] |= (u64)(x >= 1ULL << set->shift) << (k % 64);
}

/* Clear a set's bits and bases before marking. */
static void clear_set(struct gosym_ckset *set)
{
	u64 w;

	for (w = 0; w < set_words(set); w++) {
		set->bits[w] = 0;
		set->base[w] = CK_NO_BASE;
	}
}

/* The running counts, and every record unfilled (all ones). */
static void finish_set(struct gosym_ckset *set)
{
	u64 w, n = 0;

	for (w = 0; w < set_words(set); w++) {
		set->rank[w] = n;
		n += count_bits(set->bits[w]);
	}
	/* never, by func_checkpoints(); but not a write past the records */
	if (n > set->ncheckpoints)
		set->nboundaries = 0;
	__builtin_memset(set->recs, 0xff,
			 (u64)set->ncheckpoints * set->rec_size);
}

/*
 * One pass over the sub-buckets: the function each starts in, found by
 * counting the next four functions' entries at or before its start (as
 * gosym_func_by_pc() does) rather than by a loop whose exit depends on
 * the entries, a mispredicted branch a function (index build 214 -> 184 us
 * on 47k functions).  The table's fields are read from a copy:
 * stores through the u8 subs may alias anything, so reading them through
 * tw would reload each after every store.
 */
static void build_index(struct gosym_table *tw)
{
	const struct gosym_table copy = *tw, *t = &copy;
	u64 sb, off, entry, span = t->pc_hi - t->pc_lo;
	u64 nsub = (u64)t->nbuckets << SUB_BITS;
	u8 sub_shift = t->bucket_shift - SUB_BITS;
	/* boundaries at sub-bucket starts: marked as the starts are met */
	bool at_starts = t->ck_ln.shift >= sub_shift &&
			 t->ck_fl.shift >= sub_shift;
	u8 ln_d = t->ck_ln.shift - sub_shift, fl_d = t->ck_fl.shift - sub_shift;
	u32 i = 0, n = t->nfunc, d;

	clear_set(&tw->ck_ln);
	clear_set(&tw->ck_fl);
	for (sb = 0; sb < nsub; sb++) {
		off = sb << sub_shift;
		if (off < span) {
			/* function n, the end, begins at span, past off */
			while (i + 4 < n && func_entry(t, i + 4) - t->pc_lo <= off)
				i += 4;
			i += (func_entry(t, i + 1 < n ? i + 1 : n) - t->pc_lo <= off) +
			     (func_entry(t, i + 2 < n ? i + 2 : n) - t->pc_lo <= off) +
			     (func_entry(t, i + 3 < n ? i + 3 : n) - t->pc_lo <= off) +
			     (func_entry(t, i + 4 < n ? i + 4 : n) - t->pc_lo <= off);
		} else {
			i = n - 1;
		}
		if (!(sb & ((1 << SUB_BITS) - 1)))
			tw->buckets[sb >> SUB_BITS] = i;
		d = i - tw->buckets[sb >> SUB_BITS];
		tw->subs[sb] = d < SUB_UNKNOWN ? d : SUB_UNKNOWN;
		if (!at_starts || off >= span)
			continue;
		entry = func_entry(t, i) - t->pc_lo;
		mark_start(&t->ck_ln, ln_d, sb, off - entry);
		mark_start(&t->ck_fl, fl_d, sb, off - entry);
	}
	for (i = 0; !at_starts && i < n; i++) {
		mark_set(&tw->ck_ln, func_entry(t, i) - t->pc_lo,
			 func_entry(t, i + 1) - t->pc_lo);
		mark_set(&tw->ck_fl, func_entry(t, i) - t->pc_lo,
			 func_entry(t, i + 1) - t->pc_lo);
	}
	finish_set(&tw->ck_ln);
	finish_set(&tw->ck_fl);
}

/* Carve a set's arrays from the index memory at *p64, *p32 and *p8. */
static void place_set(struct gosym_ckset *set, u64 **p64, u32 **p32, u8 **p8)
{
	u64 words = set_words(set);

	set->bits = *p64;
	*p64 += words;
	set->rank = *p32;
	set->base = *p32 + words;
	*p32 += 2 * words;
	set->recs = *p8;
	*p8 += (u64)set->ncheckpoints * set->rec_size;
}

/**
 * gosym_index_build() - build the look-up index of an opened table
 * @t: a table planned with gosym_index_bytes()
 * @mem: that many bytes, 8-byte aligned, owned by the caller for as long
 *	as @t is used
 *
 * Look-ups then fill checkpoints as they first need them; call
 * gosym_index_fill() before looking up from several threads at once.
 */
void gosym_index_build(struct gosym_table *t, void *mem)
{
	u64 *p64 = mem;
	u32 *p32 = (u32 *)(p64 + set_words(&t->ck_ln) + set_words(&t->ck_fl));
	u8 *p8;

	t->buckets = p32;
	p32 += t->nbuckets;
	p8 = (u8 *)(p32 + 2 * (set_words(&t->ck_ln) + set_words(&t->ck_fl)));
	t->subs = p8;
	p8 += (u64)t->nbuckets << SUB_BITS;
	place_set(&t->ck_ln, &p64, &p32, &p8);
	place_set(&t->ck_fl, &p64, &p32, &p8);
	build_index(t);
}

static const char *func_name(const struct gosym_table *t, u32 index)
{
	return (const char *)t->data + t->funcnametab +
	       func_field(t, func_record(t, index), FIELD_NAMEOFF);
}

/**
 * gosym_func_name() - the name of a function
 * @t: an opened table
 * @fn: a function from gosym_func_by_*()
 *
 * Return: the NUL-terminated Go name, inside the table.
 */
const char *gosym_func_name(const struct gosym_table *t,
			    const struct gosym_func *fn)
{
	return func_name(t, fn->index);
}

/**
 * gosym_func_by_index() - the function at a position in the table
 * @t: an opened table
 * @index: 0 to @t->nfunc - 1, in entry order
 * @fn: filled in on success
 *
 * Return: 0, or -ENOENT if @index is past the last function.
 */
int gosym_func_by_index(const struct gosym_table *t, u32 index,
			struct gosym_func *fn)
{
	if (index >= t->nfunc)
		return -ENOENT;
	fn->index = index;
	fn->entry = func_entry(t, index);
	fn->end = func_entry(t, index + 1);
	return 0;
}

/**
 * gosym_func_by_pc() - the function whose code covers a PC
 * @t: an opened and indexed table
 * @pc: the address
 * @fn: filled in on success
 *
 * Return: 0, or -ENOENT if no function covers @pc.
 */
int gosym_func_by_pc(const struct gosym_table *t, u64 pc,
		     struct gosym_func *fn)
{
	u32 lo, hi, mid, d, next;
	u64 off, b, sb, entry, end;

	if (pc < t->pc_lo || pc >= t->pc_hi)
		return -ENOENT;
	off = pc - t->pc_lo;
	b = off >> t->bucket_shift;
	sb = off >> (t->bucket_shift - SUB_BITS);
	lo = t->buckets[b];
	hi = t->buckets[b + 1];
	/* narrow to the sub-bucket, unless its count did not fit a byte */
	d = t->subs[sb];
	if (d != SUB_UNKNOWN) {
		next = t->subs[sb + 1];
		if ((sb + 1) & ((1 << SUB_BITS) - 1) && next != SUB_UNKNOWN)
			hi = lo + next;
		lo += d;
	}
	/* the last function in [lo, hi] whose entry is at or before pc */
	while (hi - lo > LINEAR_SCAN) {
		mid = hi - (hi - lo) / 2;
		if (func_entry(t, mid) <= pc)
			lo = mid;
		else
			hi = mid - 1;
	}
	/*
	 * A sub-bucket usually leaves one to three candidates, in one cache
	 * line: count those at or before pc rather than walk them, since a
	 * walk's exit is a mispredicted branch (PC-to-function 15.9 -> 10.7
	 * ns on a 47k-function table).  Function hi + 1 (at most the end
	 * sentinel) begins past pc, as the bucket or search that chose hi
	 * found, so reading it in place of those past hi counts nothing.
	 */
	hi++;
	lo += (func_entry(t, lo + 1 < hi ? lo + 1 : hi) <= pc) +
	      (func_entry(t, lo + 2 < hi ? lo + 2 : hi) <= pc) +
	      (func_entry(t, lo + 3 < hi ? lo + 3 : hi) <= pc) +
	      (func_entry(t, lo + 4 < hi ? lo + 4 : hi) <= pc);
	entry = func_entry(t, lo);
	end = func_entry(t, lo + 1);
	fn->index = lo;
	fn->entry = entry;
	fn->end = end;
	return 0;
}

/* FNV-1a folded to a byte: a cheap filter ahead of a name compare. */
static u8 name_hash(const char *s)
{
	u32 h = 2166136261U;

	while (*s)
		h = (h ^ (u8)*s++) * 16777619U;
	return h ^ h >> 8 ^ h >> 16 ^ h >> 24;
}

/**
 * gosym_names_bytes() - memory gosym_names_build() needs
 * @t: an opened table
 *
 * Return: the size in bytes: one per function.
 */
u64 gosym_names_bytes(const struct gosym_table *t)
{
	return t->nfunc;
}

/**
 * gosym_names_build() - index function names for gosym_func_by_name()
 * @t: an opened table
 * @mem: gosym_names_bytes(@t) bytes, owned by the caller while @t is used
 *
 * Optional: without it, name look-ups compare every name.
 */
void gosym_names_build(struct gosym_table *t, u8 *mem)
{
	u32 i;

	for (i = 0; i < t->nfunc; i++)
		mem[i] = name_hash(func_name(t, i));
	t->name_hash = mem;
}

/**
 * gosym_func_by_name() - the first function, in entry order, of a name
 * @t: an opened table
 * @name: the full Go name, e.g. "main.main" or "net/http.(*Server).Serve"
 * @fn: filled in on success
 *
 * Return: 0, or -ENOENT if no function has that name.
 */
int gosym_func_by_name(const struct gosym_table *t, const char *name,
		       struct gosym_func *fn)
{
	u8 h = name_hash(name);
	u32 i;

	for (i = 0; i < t->nfunc; i++) {
		if (t->name_hash && t->name_hash[i] != h)
			continue;
		if (str_eq(func_name(t, i), name))
			return gosym_func_by_index(t, i, fn);
	}
	return -ENOENT;
}

/*
 * Pc-value stream decoding, bounded by the table's end.  It reproduces
 * debug/gosym's arithmetic exactly (32-bit wrap of values and deltas), so
 * that any table answers as Go's reader does, and a stream that runs off the
 * table counts as "no value".
 */
static inline const u8 *read_varint(const u8 *p, const u8 *end, u32 *val)
{
	u32 v = 0, shift = 0;
	u8 b;

	if (likely(p < end && *p < 0x80)) {
		*val = *p;
		return p + 1;
	}
	do {
		if (p >= end)
			return NULL;
		b = *p++;
		if (shift < 32)
			v |= (u32)(b & 0x7f) << shift;
		shift += 7;
	} while (b & 0x80);
	*val = v;
	return p;
}

/* A value delta as the stream stores it: its sign in the lowest bit */
static inline u32 unzigzag(u32 v)
{
	return v & 1 ? ~(v >> 1) : v >> 1;
}

/*
 * One step from (p, pc, val): the value for the next range and where the
 * range ends.  NULL at the stream's end (a zero value delta after the first
 * pair) or past the table.
 */
static inline const u8 *pcvalue_step(const struct gosym_table *t,
				     const u8 *p, u64 *pc, u32 *val,
				     u64 entry)
{
	const u8 *end = t->data + t->size;
	u32 uvdelta, pcdelta;

	/* most pairs are two one-byte varints: one test for both */
	if (likely(end - p >= 2 && ((p[0] | p[1]) & 0x80) == 0)) {
		uvdelta = p[0];
		pcdelta = p[1];
		p += 2;
		if (!uvdelta && *pc != entry)
			return NULL;
	} else {
		p = read_varint(p, end, &uvdelta);
		if (!p || (!uvdelta && *pc != entry))
			return NULL;
		p = read_varint(p, end, &pcdelta);
		if (!p)
			return NULL;
	}
	*pc += (u32)(pcdelta * t->quantum);
	*val += unzigzag(uvdelta);
	return p;
}

/*
 * The stream's value at targetpc, at or after s->pc's range, or -1.  s is
 * left where the answer was found, so a later target of the same function
 * decodes on from there rather than from its start; a stream that ends
 * first has no value at any later target either.
 */
static s32 pcvalue_on(const struct gosym_table *t, struct gosym_pcstate *s,
		      u64 entry, u64 targetpc)
{
	const u8 *p = t->data + s->off;
	u64 pc = s->pc;
	u32 val = s->val;

	if (targetpc < pc)
		return (s32)val;
	while ((p = pcvalue_step(t, p, &pc, &val, entry))) {
		if (targetpc < pc) {
			s->off = p - t->data;
			s->pc = pc;
			s->val = val;
			return (s32)val;
		}
	}
	s->pc = ~0ULL;
	s->val = (u32)-1;
	return -1;
}

/* A whole step on a saved state, for filling checkpoints. */
static bool state_step(const struct gosym_table *t, struct gosym_pcstate *s,
		       u64 entry)
{
	const u8 *p = pcvalue_step(t, t->data + s->off, &s->pc, &s->val,
				   entry);

	if (!p)
		return false;
	s->off = p - t->data;
	return true;
}

static void start_state(const struct gosym_table *t, u64 rec,
			unsigned int field, u64 entry, struct gosym_pcstate *s)
{
	s->off = t->pctab + func_field(t, rec, field);
	s->pc = entry;
	s->val = (u32)-1;
}

/* A checkpoint record's back field: all ones until filled, then this */
static inline u32 ck_unfilled(const struct gosym_ckset *set)
{
	return set->rec_size == CK_REC_LN ? 0xff : 0xffff;
}

static inline u32 ck_no_state(const struct gosym_ckset *set)
{
	return ck_unfilled(set) - 1;
}

/* Record a state (or its absence: back = ck_no_state()) at r. */
static void ck_put(const struct gosym_ckset *set, u8 *r, u32 off, u32 back,
		   u32 val)
{
	u8 *v = r + set->rec_size - 2;

	r[0] = off;
	r[1] = off >> 8;
	r[2] = back;
	if (set->rec_size == CK_REC_FL)
		r[3] = back >> 8;
	v[0] = val;
	v[1] = val >> 8;
}

static inline u32 ck_back(const struct gosym_ckset *set, const u8 *r)
{
	return set->rec_size == CK_REC_LN ? r[2] : r[2] | (u32)r[3] << 8;
}

/* Index of the checkpoint at boundary k, which must have one. */
static inline u64 checkpoint_index(const struct gosym_ckset *set, u64 k)
{
	return set->rank[k / 64] +
	       count_bits(set->bits[k / 64] & ((1ULL << (k % 64)) - 1));
}

static inline bool has_checkpoint(const struct gosym_ckset *set, u64 k)
{
	return k < set->nboundaries && (set->bits[k / 64] >> (k % 64)) & 1;
}

/*
 * Record, at each of fn's boundaries in a set, the last state of one
 * stream before the step that carries it past the boundary; a state whose
 * offset, distance back or value does not fit the record is marked absent.
 */
static void fill_set(const struct gosym_table *t,
		     const struct gosym_ckset *set, unsigned int field,
		     const struct gosym_func *fn)
{
	u64 k, n, b, last, rel, ck;
	struct gosym_pcstate cur, next;
	bool more, readable_back;

	/* none of its own (a boundary past a small one is a later one's) */
	n = func_checkpoints(fn->entry - t->pc_lo, fn->end - t->pc_lo,
			     set->shift, &k);
	if (!n || !has_checkpoint(set, k))
		return;
	ck = checkpoint_index(set, k);
	start_state(t, func_record(t, fn->index), field, fn->entry, &cur);
	/* pcvalue_back() may read the byte before the stream: one must be */
	readable_back = cur.off > 0;
	next = cur;
	more = state_step(t, &next, fn->entry);
	for (last = k + n - 1; k <= last; k++, ck++) {
		b = t->pc_lo + (k << set->shift);
		while (more && next.pc <= b) {
			cur = next;
			more = state_step(t, &next, fn->entry);
		}
		/* the first state filled in 64 boundaries centres their base */
		if (set->base[k / 64] == CK_NO_BASE)
			set->base[k / 64] = cur.off - t->pctab > CK_BASE_SLACK ?
					    cur.off - t->pctab - CK_BASE_SLACK : 0;
		rel = cur.off - t->pctab - set->base[k / 64];
		if (readable_back && rel <= 0xffff &&
		    b - cur.pc < ck_no_state(set) && cur.val <= 0xffff)
			ck_put(set, set->recs + ck * set->rec_size, rel,
			       b - cur.pc, cur.val);
		else
			ck_put(set, set->recs + ck * set->rec_size, 0,
			       ck_no_state(set), 0);
	}
}

/* Fill every checkpoint of a function, in both sets. */
static void fill_function(const struct gosym_table *t,
			  const struct gosym_func *fn)
{
	fill_set(t, &t->ck_ln, FIELD_PCLN, fn);
	fill_set(t, &t->ck_fl, FIELD_PCFILE, fn);
}

/**
 * gosym_index_fill() - fill checkpoints now rather than on first use
 * @t: an opened and indexed table
 * @first: the first function whose checkpoints to fill
 * @count: how many functions, from @first on (fewer past the last)
 *
 * Once every function's checkpoints are filled, look-ups never write to
 * the index, so any number may run at once, and from contexts such as kdb
 * that must not take locks.  Filling in slices lets a kernel caller
 * reschedule between them.
 *
 * Return: the function after the last one filled; @t->nfunc when done.
 */
u32 gosym_index_fill(const struct gosym_table *t, u32 first, u32 count)
{
	struct gosym_func fn;
	u32 i;

	for (i = first; i - first < count && !gosym_func_by_index(t, i, &fn);
	     i++)
		fill_function(t, &fn);
	return i;
}

/*
 * The state the checkpoint at boundary k of a set holds for fn, if the
 * boundary has one and it is fn's: at least a spacing past its entry and
 * before its end.
 */
static bool checkpoint_state(const struct gosym_table *t,
			     const struct gosym_ckset *set,
			     const struct gosym_func *fn, u64 k,
			     struct gosym_pcstate *s)
{
	u64 b;
	const u8 *r;
	u32 back;

	if (!has_checkpoint(set, k))
		return false;
	b = t->pc_lo + (k << set->shift);
	if (b < fn->entry + (1ULL << set->shift) || b >= fn->end)
		return false;
	r = set->recs + checkpoint_index(set, k) * set->rec_size;
	back = ck_back(set, r);
	if (back == ck_unfilled(set)) {
		fill_function(t, fn);
		back = ck_back(set, r);
	}
	if (back == ck_no_state(set))
		return false;
	s->off = t->pctab + set->base[k / 64] + (r[0] | (u32)r[1] << 8);
	s->pc = b - back;
	r += set->rec_size - 2;
	s->val = r[0] | (u32)r[1] << 8;
	return true;
}

/*
 * The varint that ends at end - 1 (its only byte below 0x80), read back
 * to its first byte: the byte before that one ends the varint before it.
 * Only for bytes a forward decoding has read as varints.
 */
static inline const u8 *varint_back(const struct gosym_table *t,
				    const u8 *end, u32 *val)
{
	const u8 *p = end - 1;

	while (p > t->data && (p[-1] & 0x80))
		p--;
	if (!read_varint(p, end, val))
		*val = 0;	/* not from a stream decoded forward */
	return p;
}

/*
 * The stream's value at targetpc, going back from a state past it (a
 * checkpoint's, which a decoding from the entry reached): each step undoes
 * the pair before the state, until the range holds targetpc.  The pair
 * from the entry is never undone (its start is the entry, at or below
 * targetpc), so the bytes read back are ones the forward decoding read.
 * s is left as pcvalue_on() would leave it.
 */
static s32 pcvalue_back(const struct gosym_table *t, struct gosym_pcstate *s,
			u64 targetpc)
{
	const u8 *p = t->data + s->off, *q;
	u64 pc = s->pc, prev;
	u32 val = s->val, uvdelta, pcdelta;

	for (;;) {
		/*
		 * p[-2] below 0x80 ends the value (a one-byte pc delta), and
		 * p[-3] below it ends the pair before (a one-byte value).  At
		 * the first pair p[-3] is the byte before the stream, which
		 * fill_set() made sure there is: only the pc delta counts
		 * there, as the walk stops.
		 */
		if (likely(((p[-2] | p[-3]) & 0x80) == 0)) {
			prev = pc - (u32)(p[-1] * t->quantum);
			if (prev <= targetpc)
				break;
			uvdelta = p[-2];
			p -= 2;
		} else {
			q = varint_back(t, p, &pcdelta);
			prev = pc - (u32)(pcdelta * t->quantum);
			if (prev <= targetpc)
				break;
			p = varint_back(t, q, &uvdelta);
		}
		val -= unzigzag(uvdelta);
		pc = prev;
	}
	s->off = p - t->data;
	s->pc = pc;
	s->val = val;
	return (s32)val;
}

/*
 * Where to decode one stream of fn from for pc, given s, a state at or
 * before pc's range (the entry's, or a cursor's): the set's checkpoint at
 * or below pc if it is further on, or, from the entry, the one above pc if
 * that is nearer.  Then s holds it and, if pc lies before it, the return
 * is true: decode backward.
 *
 * Decoding both ways halves the distance within a spacing: on hugo the
 * pairs a look-up decodes (both streams) fall from 23 to 17, and the time
 * of one by ~5%.  Which way is a coin toss for the branch predictor, so
 * the start nearer by PC simply wins.  A cursor is usually just behind pc
 * (a sorted batch): looking ahead for it cost a batch ~6%.
 */
static bool plan_stream(const struct gosym_table *t,
			const struct gosym_ckset *set,
			const struct gosym_func *fn, u64 pc, bool fresh,
			struct gosym_pcstate *s)
{
	u64 k = (pc - t->pc_lo) >> set->shift;
	struct gosym_pcstate ck;

	if (s->pc > pc)
		return false;	/* a cursor already there */
	if (checkpoint_state(t, set, fn, k, &ck) && ck.pc > s->pc)
		*s = ck;
	if (fresh && checkpoint_state(t, set, fn, k + 1, &ck) &&
	    (ck.pc <= pc ? ck.pc > s->pc : ck.pc - pc < pc - s->pc)) {
		*s = ck;
		__builtin_prefetch(t->data + ck.off - 1);
		return ck.pc > pc;
	}
	__builtin_prefetch(t->data + s->off);
	return false;
}

static s32 pcvalue_planned(const struct gosym_table *t,
			   const struct gosym_func *fn,
			   struct gosym_pcstate *s, bool backward, u64 pc)
{
	return backward ? pcvalue_back(t, s, pc) :
			  pcvalue_on(t, s, fn->entry, pc);
}

/* The file name of file number fno of the function at rec, or "". */
static const char *file_name(const struct gosym_table *t, u64 rec, s32 fno)
{
	u64 off, start;
	s32 idx;

	if (t->version == GOSYM_GO12) {
		/* debug/gosym indexes with 4 * fno in 32-bit arithmetic */
		idx = (s32)((u32)fno * 4);
		if (fno <= 0 || idx < 0 || t->filetab + idx + 4 > t->filetab_end)
			return "";
		start = rd32(t, t->filetab + idx);
	} else {
		if (fno < 0)
			return "";
		off = t->cutab + (u32)((func_field(t, rec, FIELD_CUOFFSET) +
					(u32)fno) * 4);
		if (!fits(t, off, 4))
			return "";
		start = rd32(t, off);
		if (start == 0xffffffffU)
			return "";
		start += t->filetab;
		/* open checked that the file name region ends in a NUL */
		if (start < t->pctab)
			return (const char *)t->data + start;
	}
	if (bounded_strlen(t, start, t->size) < 0)
		return "";
	return (const char *)t->data + start;
}

/*
 * pc's position from states of fn's two streams at or before its range
 * (the entry's, or where a cursor left them), which are left at pc.  The
 * record, the two streams and the file's cutab entry are each a likely
 * cache miss: they are started together rather than one by one.
 */
static inline void pos_from(const struct gosym_table *t,
			    const struct gosym_func *fn, u64 rec, u64 pc,
			    bool fresh, struct gosym_pcstate *ln,
			    struct gosym_pcstate *fl, struct gosym_pos *pos)
{
	bool back_ln = plan_stream(t, &t->ck_ln, fn, pc, fresh, ln);
	bool back_fl = plan_stream(t, &t->ck_fl, fn, pc, fresh, fl);

	if (t->version >= GOSYM_GO116)
		__builtin_prefetch(t->data + t->cutab + (u64)4 *
				   func_field(t, rec, FIELD_CUOFFSET));
	pos->line = pcvalue_planned(t, fn, ln, back_ln, pc);
	pos->file = file_name(t, rec, pcvalue_planned(t, fn, fl, back_fl, pc));
}

/**
 * gosym_pc_pos_next() - the source position of a PC, going on from the last
 * @t: an opened and indexed table
 * @cur: GOSYM_CURSOR_INIT before the first call; then where the last call
 *	left the function's streams
 * @fn: the function covering @pc, from gosym_func_by_pc()
 * @pc: the address
 * @pos: filled in, as gosym_pc_pos() does
 *
 * Given PCs in ascending order, each PC of a function decodes on from the
 * previous one's place unless a checkpoint is nearer: a batch of look-ups
 * sorted by PC decodes each function at most about once.  In any other
 * order it answers as gosym_pc_pos(), at the same cost.
 */
void gosym_pc_pos_next(const struct gosym_table *t, struct gosym_cursor *cur,
		       const struct gosym_func *fn, u64 pc,
		       struct gosym_pos *pos)
{
	u64 rec = func_record(t, fn->index);
	bool fresh = cur->index != fn->index || pc < cur->pc;

	__builtin_prefetch(t->data + rec);
	if (fresh) {
		cur->index = fn->index;
		start_state(t, rec, FIELD_PCLN, fn->entry, &cur->ln);
		start_state(t, rec, FIELD_PCFILE, fn->entry, &cur->fl);
	}
	cur->pc = pc;
	pos_from(t, fn, rec, pc, fresh, &cur->ln, &cur->fl, pos);
}

/**
 * gosym_pc_pos() - the source position of a PC, as debug/gosym PCToLine
 * @t: an opened and indexed table
 * @fn: the function covering @pc, from gosym_func_by_pc()
 * @pc: the address
 * @pos: filled in; inlined code reports its innermost position
 */
void gosym_pc_pos(const struct gosym_table *t, const struct gosym_func *fn,
		  u64 pc, struct gosym_pos *pos)
{
	u64 rec = func_record(t, fn->index);
	struct gosym_pcstate ln, fl;

	__builtin_prefetch(t->data + rec);
	start_state(t, rec, FIELD_PCLN, fn->entry, &ln);
	start_state(t, rec, FIELD_PCFILE, fn->entry, &fl);
	pos_from(t, fn, rec, pc, true, &ln, &fl, pos);
}

/*
 * The ranges of one function where the pcfile stream names file and the
 * pcln stream says line: the line ranges walked in order, each cut where
 * the file changes.  Adjacent pieces are handed on merged.
 */
static int func_line_pcs(const struct gosym_table *t,
			 const struct gosym_func *fn, const char *file,
			 s32 line, gosym_range_fn emit, void *ctx)
{
	u64 rec = func_record(t, fn->index), lstart, lend, s, e;
	u64 pstart = 0, pend = 0;
	bool known = false, match = false, pending = false;
	struct gosym_pcstate ln, fl;
	const u8 *lp, *fp;
	u32 fno = 0;
	int n = 0;

	start_state(t, rec, FIELD_PCLN, fn->entry, &ln);
	start_state(t, rec, FIELD_PCFILE, fn->entry, &fl);
	lp = t->data + ln.off;
	fp = t->data + fl.off;
	for (;;) {
		lstart = ln.pc;
		lp = pcvalue_step(t, lp, &ln.pc, &ln.val, fn->entry);
		if (!lp)
			break;
		/* a damaged stream may run past the function: that is not it */
		if (lstart >= fn->end)
			break;
		if ((s32)ln.val != line)
			continue;
		lend = ln.pc < fn->end ? ln.pc : fn->end;
		for (s = lstart; s < lend; s = e) {
			/* the file range covering s: [previous fl.pc, fl.pc) */
			while (fp && fl.pc <= s)
				fp = pcvalue_step(t, fp, &fl.pc, &fl.val, fn->entry);
			if (!fp)
				goto out;
			e = fl.pc < lend ? fl.pc : lend;
			if (!known || fl.val != fno) {
				known = true;
				fno = fl.val;
				match = str_eq(file_name(t, rec, (s32)fno), file);
			}
			if (!match)
				continue;
			if (pending && pend == s) {
				pend = e;
				continue;
			}
			if (pending && !emit(ctx, fn, pstart, pend))
				return -1;
			pending = true;
			pstart = s;
			pend = e;
			n++;
		}
	}
out:
	if (pending && !emit(ctx, fn, pstart, pend))
		return -1;
	return n;
}

/**
 * gosym_line_pcs() - every PC range whose source position is FILE:LINE
 * @t: an opened table
 * @file: the file name as look-ups print it
 * @line: the line number
 * @emit: called for each range [start, end) with its function, in table
 *	order; returning false stops the walk
 * @ctx: passed to @emit
 *
 * The inverse of gosym_pc_pos(): debug/gosym's LineToPC gives only the
 * first such PC; this finds all of them, a range at a time.  It walks
 * every function's streams, so it costs about a full decode of the table.
 *
 * Return: how many ranges were found, or -1 if @emit stopped the walk.
 */
int gosym_line_pcs(const struct gosym_table *t, const char *file, s32 line,
		   gosym_range_fn emit, void *ctx)
{
	struct gosym_func fn;
	int n, total = 0;
	u32 i;

	for (i = 0; !gosym_func_by_index(t, i, &fn); i++) {
		/* like debug/gosym: no compilation unit, no source lines */
		if (t->version >= GOSYM_GO116 &&
		    func_field(t, func_record(t, i), FIELD_CUOFFSET) ==
		    0xffffffffU)
			continue;
		n = func_line_pcs(t, &fn, file, line, emit, ctx);
		if (n < 0)
			return -1;
		total += n;
	}
	return total;
}

/*
 * Inlined frames.  A function with inlined calls has a FUNCDATA_InlTree
 * (an array of inlined-call records) and a PCDATA_InlTreeIndex stream (the
 * record covering each PC, -1 outside inlined code).  A record names the
 * inlined function and the parent PC: an address in the physical function
 * whose own index gives the caller's record, and whose pcfile/pcln give
 * the caller's position.  Those records live outside the pclntab, in the
 * binary's go:func.* data (go1.18+: funcdata is a u32 offset from it) or
 * anywhere in its rodata (before: an address); gosym_funcdata_set() hands
 * that blob in.  Records: go1.12-go1.19, 20 bytes { s16 parent, u8
 * funcID, u8 pad, s32 file, s32 line, s32 nameoff, s32 parentPc }; go1.20+,
 * 16 bytes { u8 funcID, u8 pad[3], s32 nameoff, s32 parentPc, s32
 * startLine }.  Every read here is checked against the blob or the table.
 */
#define FIELD_NPCDATA		7
#define PCDATA_INLTREEINDEX	2
#define FUNCDATA_INLTREE	3

/* Where a record's pcdata array starts: after its fixed fields. */
static u64 record_fixed_size(const struct gosym_table *t)
{
	switch (t->version) {
	case GOSYM_GO12:	/* go1.12-go1.15 */
		return t->ptrsize + 32;
	case GOSYM_GO116:
		return t->ptrsize + 36;
	case GOSYM_GO118:
		return 40;
	default:		/* go1.20 added startLine */
		return 44;
	}
}

static u32 blob_rd32(const struct gosym_table *t, u64 off)
{
	u32 v;

	__builtin_memcpy(&v, t->fd_data + off, sizeof(v));
	return t->swap ? __builtin_bswap32(v) : v;
}

/*
 * The inline tree of the function at rec, as an offset into the funcdata
 * blob, and its index stream's offset: 1 if it has one, 0 if none, -EINVAL
 * if it has one we cannot read (outside the blob or the table).
 */
static int inline_tree(const struct gosym_table *t, u64 rec, u64 *tree,
		       u64 *stream)
{
	u64 fixed = record_fixed_size(t), p, v;
	u32 npcdata;

	if (!t->fd_data || !fits(t, rec, fixed))
		return 0;
	npcdata = func_field(t, rec, FIELD_NPCDATA);
	if (npcdata <= PCDATA_INLTREEINDEX ||
	    t->data[rec + fixed - 1] <= FUNCDATA_INLTREE)
		return 0;
	if (npcdata > t->size / 4)
		return -EINVAL;
	p = rec + fixed + 4 * PCDATA_INLTREEINDEX;
	if (!fits(t, p, 4))
		return -EINVAL;
	if (!rd32(t, p))
		return 0;
	*stream = t->pctab + rd32(t, p);
	p = rec + fixed + (u64)4 * npcdata;
	if (t->version >= GOSYM_GO118) {
		p += 4 * FUNCDATA_INLTREE;
		if (!fits(t, p, 4))
			return -EINVAL;
		v = rd32(t, p);
		if (v == 0xffffffffU)
			return 0;
	} else {
		/* pointers, aligned as the runtime reads them */
		p = (p + t->ptrsize - 1) & ~(u64)(t->ptrsize - 1);
		p += (u64)t->ptrsize * FUNCDATA_INLTREE;
		if (!fits(t, p, t->ptrsize))
			return -EINVAL;
		v = rdword(t, p);
		if (!v)
			return 0;
		if (v < t->fd_base)
			return -EINVAL;
		v -= t->fd_base;
	}
	*tree = v;
	return *stream < t->size && v < t->fd_size ? 1 : -EINVAL;
}

/* Record ix of a tree: the inlined function's name and its parent PC. */
static const char *inline_call(const struct gosym_table *t, u64 tree, s32 ix,
			       s32 *parent_pc)
{
	u64 size = t->version >= GOSYM_GO120 ? 16 : 20, off, name;

	off = tree + (u64)ix * size;
	if (ix < 0 || off > t->fd_size || size > t->fd_size - off)
		return NULL;
	name = blob_rd32(t, off + (size == 16 ? 4 : 12));
	*parent_pc = (s32)blob_rd32(t, off + (size == 16 ? 8 : 16));
	if (t->version == GOSYM_GO12) {
		if (bounded_strlen(t, name, t->size) < 0)
			return NULL;
	} else if (name >= t->cutab - t->funcnametab) {
		return NULL;
	}
	return (const char *)t->data + t->funcnametab + name;
}

/**
 * gosym_funcdata_set() - give a table the data its inline trees live in
 * @t: an opened table
 * @data: the bytes: for go1.18+ tables, from the binary's go:func.*
 *	symbol (runtime.gofunc) on; for older ones, a region of the binary
 *	holding its funcdata (its rodata)
 * @size: how many
 * @base: the address of @data[0] in the binary (unused for go1.18+)
 *
 * Without it, look-ups report no inlined frames.  Nothing is checked
 * here, and every read stays inside @data; gosym_funcdata_check() tells
 * whether the blob fits the table.
 */
void gosym_funcdata_set(struct gosym_table *t, const void *data, u64 size,
			u64 base)
{
	t->fd_data = data;
	t->fd_size = data ? size : 0;
	t->fd_base = base;
}

/**
 * gosym_funcdata_check() - whether the funcdata blob fits the table
 * @t: an opened table with gosym_funcdata_set()
 * @limit: how many functions with inline trees to check; 0 for all
 *
 * Decodes each checked function's inline index stream and reads every
 * record it names: each tree must lie in the blob, and each record name a
 * function and give a parent PC inside the function.  A blob from the
 * wrong binary, at the wrong base or cut short fails at once.
 *
 * Return: how many functions' trees check out, or -EINVAL at the first
 * that does not.
 */
int gosym_funcdata_check(const struct gosym_table *t, u32 limit)
{
	u64 rec, tree, stream, end;
	struct gosym_pcstate s;
	const u8 *p;
	s32 parent;
	int good = 0, err;
	u32 i;

	for (i = 0; i < t->nfunc && (!limit || (u32)good < limit); i++) {
		rec = func_record(t, i);
		err = inline_tree(t, rec, &tree, &stream);
		if (err < 0)
			return err;
		if (!err)
			continue;
		s = (struct gosym_pcstate){ .off = stream, .pc = func_entry(t, i),
				      .val = (u32)-1 };
		end = func_entry(t, i + 1);
		for (p = t->data + s.off;
		     (p = pcvalue_step(t, p, &s.pc, &s.val, func_entry(t, i)));) {
			if ((s32)s.val < 0)
				continue;
			if (!inline_call(t, tree, s.val, &parent) || parent < 0 ||
			    func_entry(t, i) + parent >= end)
				return -EINVAL;
		}
		good++;
	}
	return good;
}

/**
 * gosym_inline_walk() - the inlined frames at a PC, innermost first
 * @t: an opened and indexed table, with gosym_funcdata_set() for frames
 * @fn: the physical function covering @pc
 * @pc: the address
 * @emit: called for each inlined frame with its function's name and its
 *	source position; returning false stops the walk
 * @ctx: passed to @emit
 * @outer_pc: set to the PC whose position is the physical function's own:
 *	@pc if nothing is inlined there, else the outermost parent PC
 *
 * Return: how many inlined frames were reported (at most
 * GOSYM_MAX_INLINE).
 */
int gosym_inline_walk(const struct gosym_table *t, const struct gosym_func *fn,
		      u64 pc, gosym_frame_fn emit, void *ctx, u64 *outer_pc)
{
	u64 tree, stream;
	struct gosym_pos pos;
	struct gosym_pcstate s;
	const char *name;
	s32 ix, parent;
	int n = 0;

	*outer_pc = pc;
	if (inline_tree(t, func_record(t, fn->index), &tree, &stream) <= 0)
		return 0;
	while (n < GOSYM_MAX_INLINE) {
		s = (struct gosym_pcstate){ .off = stream, .pc = fn->entry,
				      .val = (u32)-1 };
		ix = pcvalue_on(t, &s, fn->entry, pc);
		if (ix < 0)
			break;
		name = inline_call(t, tree, ix, &parent);
		if (!name || parent < 0 || fn->entry + parent >= fn->end)
			break;
		gosym_pc_pos(t, fn, pc, &pos);
		n++;
		if (!emit(ctx, name, &pos))
			break;
		pc = fn->entry + parent;
		*outer_pc = pc;
	}
	return n;
}

/*
 * A bundle: a table and the funcdata its inline trees live in, in one
 * blob, for the places that take one blob (debugfs load, firmware, -t).
 * Little-endian header: "GOSYMBN1", u64 table size, u64 funcdata size,
 * u64 funcdata base; then the table, then the funcdata.
 */
#define BUNDLE_MAGIC	"GOSYMBN1"

static u64 le64_at(const u8 *p)
{
	u64 v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/**
 * gosym_bundle_parse() - split a bundle into table and funcdata
 * @data: the bytes: a bundle, or a plain table
 * @size: how many
 * @b: the parts, on success; a plain table is all table, with no funcdata
 *
 * Return: 0, or -EINVAL for a bundle whose sizes do not add up.
 */
int gosym_bundle_parse(const void *data, u64 size, struct gosym_bundle *b)
{
	const u8 *d = data;
	u64 tsize, fsize;
	int i;

	*b = (struct gosym_bundle){ .table = d, .table_size = size };
	for (i = 0; i < 8; i++)
		if (size < GOSYM_BUNDLE_HEADER || d[i] != BUNDLE_MAGIC[i])
			return 0;
	tsize = le64_at(d + 8);
	fsize = le64_at(d + 16);
	if (tsize > size - GOSYM_BUNDLE_HEADER ||
	    fsize != size - GOSYM_BUNDLE_HEADER - tsize)
		return -EINVAL;
	b->table = d + GOSYM_BUNDLE_HEADER;
	b->table_size = tsize;
	b->funcdata = fsize ? b->table + tsize : NULL;
	b->funcdata_size = fsize;
	b->funcdata_base = le64_at(d + 24);
	return 0;
}

/**
 * gosym_bundle_header() - the header of a bundle
 * @hdr: GOSYM_BUNDLE_HEADER bytes to fill in
 * @table_size: the table's size
 * @funcdata_size: the funcdata's size
 * @funcdata_base: the funcdata's address in its binary
 */
void gosym_bundle_header(u8 *hdr, u64 table_size, u64 funcdata_size,
			 u64 funcdata_base)
{
	u64 v[3] = { table_size, funcdata_size, funcdata_base };
	int i, j;

	for (i = 0; i < 8; i++)
		hdr[i] = BUNDLE_MAGIC[i];
	for (i = 0; i < 3; i++)
		for (j = 0; j < 8; j++)
			hdr[8 + 8 * i + j] = v[i] >> (8 * j);
}

/*
 * Stack unwinding by the table's pcsp streams: at each PC the stream gives
 * how far SP is below its value at the function's entry.  The arch part
 * (frame_return()) is where that leaves the return address and the
 * caller's SP, as the runtime's gentraceback() has it:
 *
 * - x86_64 and 386 push the return address at the call, just above the
 *   frame: it is at SP + delta, and the caller's SP is one word above.
 * - Link-register machines (arm, arm64, ppc64, mips, riscv64, s390x) call
 *   with the return address in LR, and a function with a frame saves LR
 *   at 0(SP) of it: the return address is there, the caller's SP is
 *   SP + delta.  A function stopped before it has a frame (delta 0: a
 *   leaf, or at its entry) still has it in LR - possible for the
 *   innermost frame only.
 */
#define FIELD_PCSP	4
#define UNWIND_MAX	256

/* The SP delta at pc in fn, or -1 if the table has none. */
static s32 sp_delta(const struct gosym_table *t, const struct gosym_func *fn,
		    u64 pc)
{
	struct gosym_pcstate s;

	start_state(t, func_record(t, fn->index), FIELD_PCSP, fn->entry, &s);
	if (s.off >= t->size)
		return -1;
	return pcvalue_on(t, &s, fn->entry, pc);
}

/* The outermost frames of a goroutine or thread: nothing calls them. */
static bool stack_top(const char *name)
{
	static const char *const tops[] = {
		"runtime.goexit", "runtime.mstart", "runtime.rt0_go",
		"runtime.mcall", "runtime.morestack", "runtime.systemstack",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(tops); i++)
		if (str_eq(name, tops[i]))
			return true;
	return false;
}

/*
 * One frame's return address and its caller's SP, from this frame's SP and
 * SP delta; false where the stack says nothing more.
 */
static bool frame_return(const struct gosym_table *t, enum gosym_arch arch,
			 bool innermost, u64 lr, s32 delta, u64 *sp,
			 gosym_read_fn read, void *rctx, u64 *ret)
{
	if (delta < 0)
		return false;
	if (arch == GOSYM_ARCH_X86) {
		if (!read(rctx, *sp + delta, t->ptrsize, ret))
			return false;
		*sp += (u64)delta + t->ptrsize;
		return *ret;
	}
	if (!delta) {
		/* no frame: only the innermost function may be there */
		if (!innermost)
			return false;
		*ret = lr;
	} else if (!read(rctx, *sp, t->ptrsize, ret)) {
		return false;
	}
	*sp += delta;
	return *ret;
}

/**
 * gosym_unwind() - walk a Go stack from a PC and SP, by the table's pcsp
 * @t: an opened and indexed table; its bias is taken off the addresses
 * @arch: how calls store return addresses
 * @flags: GOSYM_UNWIND_RETURN if the PC is a return address too (a
 *	goroutine's saved g.sched.pc), not where the thread stopped
 * @regs: the innermost PC and SP, as the program runs, and on link-register
 *	machines LR (0 if unknown, as in a parked goroutine's g.sched)
 * @read: reads a pointer-sized word (@t->ptrsize bytes) at an address of
 *	the program's memory; false if it cannot
 * @rctx: passed to @read
 * @emit: called with each frame's PC to look up, as the program runs: for
 *	a return address (every frame's but the first, unless
 *	GOSYM_UNWIND_RETURN) the address less one, so that it falls in its
 *	call; returning false stops the walk
 * @ectx: passed to @emit
 *
 * Stops at a PC no function covers, a frame the table gives no SP delta
 * for, an unreadable word, the outermost frame of a goroutine
 * (runtime.goexit, runtime.mstart, ...) or UNWIND_MAX frames.
 *
 * Return: how many frames were reported, or -EINVAL for an @arch not
 * supported.
 */
int gosym_unwind(const struct gosym_table *t, enum gosym_arch arch,
		 unsigned int flags, const struct gosym_uregs *regs,
		 gosym_read_fn read, void *rctx, gosym_uframe_fn emit,
		 void *ectx)
{
	bool caller = flags & GOSYM_UNWIND_RETURN;
	u64 ret, look, pc = regs->pc, sp = regs->sp;
	struct gosym_func fn;
	int n = 0;

	if (arch != GOSYM_ARCH_X86 && arch != GOSYM_ARCH_LR)
		return -EINVAL;
	while (n < UNWIND_MAX) {
		/* a return address belongs to the call before it */
		look = pc - t->bias - (caller ? 1 : 0);
		if (gosym_func_by_pc(t, look, &fn))
			break;
		n++;
		if (!emit(ectx, look + t->bias))
			break;
		caller = true;
		if (stack_top(gosym_func_name(t, &fn)) ||
		    !frame_return(t, arch, n == 1, regs->lr,
				  sp_delta(t, &fn, pc - t->bias), &sp, read,
				  rctx, &ret))
			break;
		pc = ret;
	}
	return n;
}
