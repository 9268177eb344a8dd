/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lsw: the command line tool for lsw logical switches.
 *
 * What the objects (link.c, ...) share with the command line walker
 * (lsw.c), the output path (print.c) and the netlink plumbing (nl.c).
 */
#ifndef LSW_H
#define LSW_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <libmnl/libmnl.h>

#ifndef LSW_VERSION
#define LSW_VERSION "unknown"
#endif

#define LSW_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Room for one request; replies have a buffer of their own. */
#define LSW_NL_MSG_SIZE		8192

struct lsw_nl;

/* One invocation, or one line of a batch file. */
struct lsw_ctx {
	/* The words not consumed yet, walked with lsw_arg_*(). */
	int argc;
	char **argv;

	bool json;
	bool pretty;
	int stats;		/* how many times -s was given */

	struct lsw_nl *nl;	/* private to nl.c */
};

/*
 * An entry of an object or command table, ended by an empty entry.
 * A NULL run() means "help": print the usage on stdout and succeed.
 * Entries with the same run() and usage() are aliases of each other.
 */
struct lsw_verb {
	const char *name;
	int (*run)(struct lsw_ctx *ctx);
	void (*usage)(FILE *fp);
};

/* lsw.c: command line */
int lsw_dispatch(struct lsw_ctx *ctx, const char *object,
		 const struct lsw_verb *table, const char *dflt,
		 void (*usage)(FILE *fp));
const char *lsw_arg_peek(const struct lsw_ctx *ctx);
const char *lsw_arg_next(struct lsw_ctx *ctx);
bool lsw_arg_is(const struct lsw_ctx *ctx, const char *word);
const char *lsw_arg_required(struct lsw_ctx *ctx);
int lsw_check_ifname(const char *name);

/* print.c: text and JSON output */
void lsw_print_init(bool json, bool pretty);
bool lsw_print_is_json(void);
void lsw_print_start(void);
void lsw_print_end(void);
void lsw_print_open_object(const char *key);
void lsw_print_close_object(void);
void lsw_print_open_array(const char *key);
void lsw_print_close_array(void);
void lsw_print_string(const char *key, const char *fmt, const char *value);
void lsw_print_uint(const char *key, const char *fmt, unsigned int value);
void lsw_print_u64(const char *key, const char *fmt, uint64_t value);
void lsw_print_bool(const char *key, const char *fmt, bool value);
void lsw_print_text(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
void lsw_print_nl(void);

/* nl.c: netlink */
int lsw_nl_init(struct lsw_ctx *ctx);
void lsw_nl_fini(struct lsw_ctx *ctx);
struct nlmsghdr *lsw_nl_msg(struct lsw_ctx *ctx, uint16_t type,
			    uint16_t flags);
struct nlmsghdr *lsw_nl_genl_msg(struct lsw_ctx *ctx, uint16_t family,
				 uint8_t cmd, uint8_t version, uint16_t flags);
int lsw_nl_request(struct lsw_ctx *ctx, int proto, struct nlmsghdr *nlh,
		   mnl_cb_t cb, void *data);
int lsw_nl_genl_family(struct lsw_ctx *ctx, const char *name);
void lsw_nl_parse(const struct nlmsghdr *nlh, unsigned int offset,
		  const struct nlattr **tb, unsigned int max,
		  const enum mnl_attr_data_type *policy);
void lsw_nl_parse_nested(const struct nlattr *nest, const struct nlattr **tb,
			 unsigned int max,
			 const enum mnl_attr_data_type *policy);

/* Objects: one file each, listed in lsw.c's object table. */
int lsw_link_main(struct lsw_ctx *ctx);
void lsw_link_usage(FILE *fp);

#endif /* LSW_H */
