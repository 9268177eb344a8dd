// SPDX-License-Identifier: GPL-2.0
/*
 * One output path for text and JSON, after iproute2's json_print.
 *
 * Each value is described once, with a JSON key and a printf format:
 * JSON output uses the key and ignores the format, text output uses the
 * format and ignores the key.  So the two outputs cannot drift apart.
 * A NULL format leaves the value out of the text; inside a JSON object a
 * NULL key leaves it out of the JSON (values in arrays need no key).
 *
 * A command's JSON output is one array, between lsw_print_start() and
 * lsw_print_end(), usually of one object per thing shown; a stream
 * (lsw monitor) is one object per line instead, each ended by
 * lsw_print_record_end().
 */
#include <assert.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include "lsw.h"

#define PRINT_MAX_DEPTH	16
#define PRINT_INDENT	4

static struct {
	bool json;
	bool pretty;
	int depth;
	struct {
		bool object;	/* else an array */
		bool empty;
	} level[PRINT_MAX_DEPTH];
} pr;

void lsw_print_init(bool json, bool pretty)
{
	pr.json = json;
	pr.pretty = pretty;
	pr.depth = 0;
}

bool lsw_print_is_json(void)
{
	return pr.json;
}

static void json_string(const char *s)
{
	unsigned char c;

	putchar('"');
	for (; (c = *s); s++) {
		switch (c) {
		case '"':
			fputs("\\\"", stdout);
			break;
		case '\\':
			fputs("\\\\", stdout);
			break;
		case '\b':
			fputs("\\b", stdout);
			break;
		case '\f':
			fputs("\\f", stdout);
			break;
		case '\n':
			fputs("\\n", stdout);
			break;
		case '\r':
			fputs("\\r", stdout);
			break;
		case '\t':
			fputs("\\t", stdout);
			break;
		default:
			if (c < 0x20)
				printf("\\u%04x", c);
			else
				putchar(c);
		}
	}
	putchar('"');
}

static void json_indent(void)
{
	if (pr.pretty)
		printf("\n%*s", pr.depth * PRINT_INDENT, "");
}

/*
 * Everything that goes before a value: the comma, the indentation and,
 * in an object, the key.  False if the value has no place in the JSON.
 */
static bool json_begin(const char *key)
{
	if (!pr.depth)
		return true;
	if (pr.level[pr.depth - 1].object && !key)
		return false;

	if (!pr.level[pr.depth - 1].empty)
		putchar(',');
	pr.level[pr.depth - 1].empty = false;
	json_indent();
	if (pr.level[pr.depth - 1].object) {
		json_string(key);
		fputs(pr.pretty ? ": " : ":", stdout);
	}
	return true;
}

static void json_open(const char *key, bool object)
{
	/* A container cannot be left out: its contents would stray. */
	json_begin(key ? key : "");
	putchar(object ? '{' : '[');

	assert(pr.depth < PRINT_MAX_DEPTH);
	pr.level[pr.depth].object = object;
	pr.level[pr.depth].empty = true;
	pr.depth++;
}

static void json_close(bool object)
{
	assert(pr.depth > 0 && pr.level[pr.depth - 1].object == object);
	pr.depth--;
	if (!pr.level[pr.depth].empty)
		json_indent();
	putchar(object ? '}' : ']');
}

void lsw_print_start(void)
{
	if (pr.json)
		json_open(NULL, false);
}

void lsw_print_end(void)
{
	if (pr.json) {
		json_close(false);
		putchar('\n');
	}
	fflush(stdout);
}

void lsw_print_open_object(const char *key)
{
	if (pr.json)
		json_open(key, true);
}

void lsw_print_close_object(void)
{
	if (pr.json)
		json_close(true);
}

void lsw_print_open_array(const char *key)
{
	if (pr.json)
		json_open(key, false);
}

void lsw_print_close_array(void)
{
	if (pr.json)
		json_close(false);
}

void lsw_print_string(const char *key, const char *fmt, const char *value)
{
	if (pr.json) {
		if (!json_begin(key))
			return;
		if (value)
			json_string(value);
		else
			fputs("null", stdout);
	} else if (fmt) {
		printf(fmt, value ? value : "");
	}
}

void lsw_print_uint(const char *key, const char *fmt, unsigned int value)
{
	if (pr.json) {
		if (json_begin(key))
			printf("%u", value);
	} else if (fmt) {
		printf(fmt, value);
	}
}

/* @fmt takes the value with PRIu64. */
void lsw_print_u64(const char *key, const char *fmt, uint64_t value)
{
	if (pr.json) {
		if (json_begin(key))
			printf("%" PRIu64, value);
	} else if (fmt) {
		printf(fmt, value);
	}
}

/* @fmt takes a string, "on" or "off": the words the commands accept. */
void lsw_print_bool(const char *key, const char *fmt, bool value)
{
	if (pr.json) {
		if (json_begin(key))
			fputs(value ? "true" : "false", stdout);
	} else if (fmt) {
		printf(fmt, value ? "on" : "off");
	}
}

/*
 * A value that may be absent: JSON null then, and @none in the text, or
 * nothing at all if @none is NULL too (an optional "keyword value").
 */
void lsw_print_opt_string(const char *key, const char *fmt,
			  const char *value, const char *none)
{
	if (pr.json) {
		lsw_print_string(key, fmt, value);
		return;
	}
	if (!value)
		value = none;
	if (fmt && value)
		printf(fmt, value);
}

/* Decoration of the text output: separators, brackets, labels. */
void lsw_print_text(const char *fmt, ...)
{
	va_list ap;

	if (pr.json)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

void lsw_print_nl(void)
{
	if (!pr.json)
		putchar('\n');
}

/*
 * The end of one record of a stream, such as an event of lsw monitor:
 * one line of text, or one JSON value on a line of its own (outside of
 * any array, so that a reader can parse each line as it comes), sent at
 * once rather than when the buffer fills.
 */
void lsw_print_record_end(void)
{
	putchar('\n');
	fflush(stdout);
}
