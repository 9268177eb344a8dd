// SPDX-License-Identifier: GPL-2.0
/*
 * lsw: the command line tool for lsw logical switches.
 *
 * Global options, the object table, dispatch of OBJECT COMMAND with
 * unambiguous prefixes (as ip(8) does), -batch (whose table entries
 * batch.c coalesces), and the helpers the objects use to walk their
 * arguments.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/if.h>

#include "lsw.h"

#define NETNS_RUN_DIR	"/run/netns"
#define BATCH_MAX_ARGS	128

static int do_help(struct lsw_ctx *ctx, const struct lsw_verb *verb);
static void full_usage(FILE *fp);

/*
 * Adding an object: one line here, its two functions in lsw.h (a table
 * of entries: its usage and its struct lsw_table).
 */
static const struct lsw_verb objects[] = {
	{ .name = "link", .run = lsw_link_main, .usage = lsw_link_usage },
	{ .name = "port", .run = lsw_port_main, .usage = lsw_port_usage },
	{ .name = "vtep", .run = lsw_entry_main, .usage = lsw_vtep_usage,
	  .table = &lsw_vtep_table },
	{ .name = "mac", .run = lsw_entry_main, .usage = lsw_mac_usage,
	  .table = &lsw_mac_table },
	{ .name = "arp", .run = lsw_entry_main, .usage = lsw_arp_usage,
	  .table = &lsw_arp_table },
	{ .name = "stats", .run = lsw_stats_main, .usage = lsw_stats_usage },
	{ .name = "monitor", .run = lsw_monitor_main,
	  .usage = lsw_monitor_usage },
	{ .name = "help", .run = do_help },
	{}
};

static void main_usage(FILE *fp)
{
	const struct lsw_verb *obj;
	const char *sep = "";

	fprintf(fp,
		"Usage: lsw [ OPTIONS ] OBJECT { COMMAND | help }\n"
		"       lsw [ OPTIONS ] -batch FILE\n"
		"       lsw help [ OBJECT ]\n"
		"where  OBJECT := { ");
	for (obj = objects; obj->name; obj++) {
		if (!obj->usage)
			continue;
		fprintf(fp, "%s%s", sep, obj->name);
		sep = " | ";
	}
	fprintf(fp,
		" }\n"
		"       OPTIONS := { -j[son] | -p[retty] | -s[tats] |\n"
		"                    -n[etns] NETNS | -V[ersion] | -h[elp] }\n"
		"Objects and commands may be abbreviated: del is delete, list is show.\n");
}

const char *lsw_arg_peek(const struct lsw_ctx *ctx)
{
	return ctx->argc > 0 ? ctx->argv[0] : NULL;
}

const char *lsw_arg_next(struct lsw_ctx *ctx)
{
	const char *arg = lsw_arg_peek(ctx);

	if (arg) {
		ctx->argc--;
		ctx->argv++;
	}
	return arg;
}

bool lsw_arg_is(const struct lsw_ctx *ctx, const char *word)
{
	const char *arg = lsw_arg_peek(ctx);

	return arg && !strcmp(arg, word);
}

/* Consumes a keyword and returns its value, which must follow it. */
const char *lsw_arg_required(struct lsw_ctx *ctx)
{
	const char *keyword = lsw_arg_next(ctx);
	const char *value = lsw_arg_next(ctx);

	if (!value)
		fprintf(stderr, "lsw: \"%s\" requires an argument\n", keyword);
	return value;
}

/* "dev NAME", at most once: *@ifindex is 0 until then. */
int lsw_arg_dev(struct lsw_ctx *ctx, uint32_t *ifindex)
{
	const char *name;

	if (*ifindex) {
		fprintf(stderr, "lsw: \"dev\" given twice\n");
		return -1;
	}
	name = lsw_arg_required(ctx);
	if (!name || lsw_parse_dev(name, ifindex))
		return -1;
	return 0;
}

/* A word no command of @object takes: -1 after saying so. */
int lsw_arg_unknown(const char *object, const char *arg)
{
	fprintf(stderr, "lsw: unknown argument \"%s\"; try \"lsw %s help\"\n",
		arg, object);
	return -1;
}

/* The kernel's dev_valid_name(), so that a bad name fails early. */
int lsw_check_ifname(const char *name)
{
	size_t len = strlen(name);
	const char *p;

	if (!len || len >= IFNAMSIZ || !strcmp(name, ".") ||
	    !strcmp(name, ".."))
		goto invalid;
	for (p = name; *p; p++)
		if (*p == '/' || *p == ':' || isspace((unsigned char)*p))
			goto invalid;
	return 0;

invalid:
	fprintf(stderr, "lsw: \"%s\" is not a valid device name\n", name);
	return -1;
}

static bool cmd_alias(const struct lsw_verb *a, const struct lsw_verb *b)
{
	return a->run == b->run && a->usage == b->usage && a->op == b->op &&
	       a->table == b->table;
}

/*
 * An exact match wins; otherwise @word must be the prefix of exactly one
 * entry, not counting aliases.
 */
static const struct lsw_verb *cmd_find(const struct lsw_verb *table,
				      const char *word, bool *ambiguous)
{
	const struct lsw_verb *found = NULL, *cmd;
	size_t len = strlen(word);

	*ambiguous = false;
	if (!len)
		return NULL;
	for (cmd = table; cmd->name; cmd++) {
		if (!strcmp(cmd->name, word))
			return cmd;
		if (strncmp(cmd->name, word, len))
			continue;
		if (!found)
			found = cmd;
		else if (!cmd_alias(found, cmd))
			*ambiguous = true;
	}
	return *ambiguous ? NULL : found;
}

/*
 * Runs the entry of @table the next word names, or @dflt when there are
 * no more words.  @object is NULL for the object table, else the name of
 * the object whose commands @table holds; it only shapes the messages.
 */
int lsw_dispatch(struct lsw_ctx *ctx, const char *object,
		 const struct lsw_verb *table, const char *dflt,
		 void (*usage)(FILE *fp))
{
	const struct lsw_verb *cmd;
	const char *word;
	bool ambiguous;

	word = lsw_arg_next(ctx);
	if (!word)
		word = dflt;
	if (!word) {
		usage(stderr);
		return -1;
	}

	cmd = cmd_find(table, word, &ambiguous);
	if (!cmd) {
		fprintf(stderr, "lsw: %s %s \"%s\"; try \"lsw%s%s help\"\n",
			ambiguous ? "ambiguous" : "unknown",
			object ? "command" : "object", word,
			object ? " " : "", object ? object : "");
		return -1;
	}
	if (!cmd->run) {
		usage(stdout);
		return 0;
	}
	return cmd->run(ctx, cmd);
}

static int do_help(struct lsw_ctx *ctx, const struct lsw_verb *verb)
{
	const struct lsw_verb *obj;
	const char *word;
	bool ambiguous;

	word = lsw_arg_next(ctx);
	if (!word) {
		full_usage(stdout);
		return 0;
	}
	obj = cmd_find(objects, word, &ambiguous);
	if (!obj || !obj->usage) {
		fprintf(stderr, "lsw: %s object \"%s\"; try \"lsw help\"\n",
			ambiguous ? "ambiguous" : "unknown", word);
		return -1;
	}
	obj->usage(stdout);
	return 0;
}

/* lsw help: the syntax of everything, which lsw(8) explains. */
static void full_usage(FILE *fp)
{
	const struct lsw_verb *obj;

	main_usage(fp);
	for (obj = objects; obj->name; obj++) {
		if (!obj->usage)
			continue;
		fputc('\n', fp);
		obj->usage(fp);
	}
}

static int netns_switch(const char *name)
{
	char path[PATH_MAX];
	int fd, ret;

	if (snprintf(path, sizeof(path), NETNS_RUN_DIR "/%s", name) >=
	    (int)sizeof(path)) {
		errno = ENAMETOOLONG;
		goto err;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		goto err;
	ret = setns(fd, CLONE_NEWNET);
	close(fd);
	if (ret)
		goto err;
	return 0;

err:
	fprintf(stderr, "lsw: cannot enter network namespace \"%s\": %s\n",
		name, strerror(errno));
	return -1;
}

/*
 * Splits a batch line in place into words: blanks separate them, quotes
 * group them, and a word starting with '#' starts a comment.
 */
static int batch_split(char *line, char **argv, const char **err)
{
	char *p = line, *out, c;
	int argc = 0;

	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (!*p || *p == '#')
			return argc;
		if (argc == BATCH_MAX_ARGS) {
			*err = "too many arguments";
			return -1;
		}
		out = p;
		argv[argc++] = p;
		while (*p && !isspace((unsigned char)*p)) {
			if (*p == '"' || *p == '\'') {
				char quote = *p++;

				while (*p && *p != quote)
					*out++ = *p++;
				if (!*p) {
					*err = "unterminated quote";
					return -1;
				}
				p++;
			} else {
				*out++ = *p++;
			}
		}
		/* @out may have caught up with @p: read before writing. */
		c = *p;
		*out = '\0';
		if (c)
			p++;
	}
}

/*
 * Runs the lines of batch file @name ("-": stdin) until the first that
 * fails.  The vtep, mac and arp lines that write entries are coalesced
 * (batch.c): a line's entry may go to the kernel only with later lines,
 * so its failure may be reported after those lines ran; whatever went
 * wrong first is reported against its own line.
 */
static int do_batch(struct lsw_ctx *ctx, const char *name)
{
	char *argv[BATCH_MAX_ARGS + 1];
	unsigned int lineno = 0;
	char *line = NULL;
	size_t size = 0;
	const char *err;
	int argc, ret = 0;
	FILE *fp;

	fp = strcmp(name, "-") ? fopen(name, "r") : stdin;
	if (!fp) {
		fprintf(stderr, "lsw: cannot open batch file \"%s\": %s\n",
			name, strerror(errno));
		return -1;
	}
	ctx->batch = lsw_batch_new();
	if (!ctx->batch) {
		ret = -1;
		goto out;
	}
	ctx->batch_name = name;

	while (getline(&line, &size, fp) != -1) {
		lineno++;
		ctx->lineno = lineno;
		ctx->reported = false;
		argc = batch_split(line, argv, &err);
		if (argc < 0) {
			fprintf(stderr, "lsw: batch %s line %u: %s\n",
				name, lineno, err);
			lsw_batch_flush(ctx);
			ret = -1;
			break;
		}
		if (!argc)
			continue;
		argv[argc] = NULL;
		ctx->argc = argc;
		ctx->argv = argv;
		ret = lsw_dispatch(ctx, NULL, objects, NULL, main_usage);
		/* Keep the output in step with the errors on stderr. */
		fflush(stdout);
		if (ret) {
			/* Unless it was said with its line already. */
			if (!ctx->reported)
				fprintf(stderr,
					"lsw: batch %s line %u: command failed\n",
					name, lineno);
			/* The lines before it are applied, as lsw(8) says. */
			lsw_batch_flush(ctx);
			break;
		}
	}
	if (!ret && ferror(fp)) {
		fprintf(stderr, "lsw: cannot read batch file \"%s\"\n", name);
		ret = -1;
	}
	/* The last entries, unless reading the file failed half-way. */
	if (!ret)
		ret = lsw_batch_flush(ctx);

out:
	lsw_batch_free(ctx->batch);
	ctx->batch = NULL;
	ctx->batch_name = NULL;
	free(line);
	if (fp != stdin)
		fclose(fp);
	return ret;
}

enum {
	OPT_JSON,
	OPT_PRETTY,
	OPT_STATS,
	OPT_NETNS,
	OPT_BATCH,
	OPT_VERSION,
	OPT_HELP,
};

static const struct {
	const char *name;
	int id;
	bool has_arg;
} options[] = {
	{ "json",	OPT_JSON,	false },
	{ "pretty",	OPT_PRETTY,	false },
	{ "stats",	OPT_STATS,	false },
	{ "netns",	OPT_NETNS,	true },
	{ "batch",	OPT_BATCH,	true },
	{ "Version",	OPT_VERSION,	false },
	{ "help",	OPT_HELP,	false },
};

/*
 * The tool's version, and the module's when it is loaded: read from sysfs
 * rather than asked over netlink, which would load the module.
 */
static void print_version(void)
{
	char buf[128];
	FILE *f;

	printf("lsw utility, %s\n", LSW_VERSION);
	f = fopen("/sys/module/lsw/version", "r");
	if (!f)
		return;
	if (fgets(buf, sizeof(buf), f)) {
		buf[strcspn(buf, "\n")] = '\0';
		printf("lsw module, %s\n", buf);
	}
	fclose(f);
}

/* -opt or --opt, where opt is a unique prefix of an option's name. */
static int option_find(const char *arg)
{
	const char *name = arg + 1;
	size_t i, len;
	int found = -1;

	if (*name == '-')
		name++;
	len = strlen(name);
	for (i = 0; len && i < LSW_ARRAY_SIZE(options); i++) {
		if (strncmp(options[i].name, name, len))
			continue;
		if (found >= 0) {
			fprintf(stderr,
				"lsw: ambiguous option \"%s\"; try \"lsw help\"\n",
				arg);
			return -1;
		}
		found = i;
	}
	if (found < 0)
		fprintf(stderr,
			"lsw: unknown option \"%s\"; try \"lsw help\"\n",
			arg);
	return found;
}

int main(int argc, char **argv)
{
	struct lsw_ctx ctx = { .argc = argc - 1, .argv = argv + 1 };
	const char *netns = NULL, *batch = NULL, *arg, *value = NULL;
	int i, ret;

	while ((arg = lsw_arg_peek(&ctx)) && arg[0] == '-') {
		i = option_find(arg);
		if (i < 0)
			return 1;
		if (options[i].has_arg) {
			value = lsw_arg_required(&ctx);
			if (!value)
				return 1;
		} else {
			lsw_arg_next(&ctx);
		}

		switch (options[i].id) {
		case OPT_JSON:
			ctx.json = true;
			break;
		case OPT_PRETTY:
			ctx.pretty = true;
			break;
		case OPT_STATS:
			ctx.stats++;
			break;
		case OPT_NETNS:
			netns = value;
			break;
		case OPT_BATCH:
			batch = value;
			break;
		case OPT_VERSION:
			print_version();
			return 0;
		case OPT_HELP:
			full_usage(stdout);
			return 0;
		}
	}

	if (batch && lsw_arg_peek(&ctx)) {
		fprintf(stderr,
			"lsw: -batch takes no OBJECT; try \"lsw help\"\n");
		return 1;
	}

	lsw_print_init(ctx.json, ctx.pretty);
	/* Before any socket is opened: sockets belong to their netns. */
	if (netns && netns_switch(netns))
		return 1;
	if (lsw_nl_init(&ctx))
		return 1;

	if (batch)
		ret = do_batch(&ctx, batch);
	else
		ret = lsw_dispatch(&ctx, NULL, objects, NULL, main_usage);

	lsw_nl_fini(&ctx);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "lsw: cannot write the output\n");
		ret = -1;
	}
	return ret ? 1 : 0;
}
