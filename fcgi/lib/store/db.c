/*
 * MariaDB access through Connector/C: the connection, the prepared
 * statements (each defined beside its typed function in db*.c), and the
 * binding helpers.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>

#include "buf.h"
#include "db.h"
#include "dbconf.h"
#include "log.h"

#define DB_MAX_BIND	24

const char *const dbrc_names[DB__MAX] = {
	"ok",		/* DB_OK */
	"not found",	/* DB_NOTFOUND */
	"duplicate",	/* DB_DUP */
	"error",	/* DB_ERR */
};



/* What a statement's result binding needs while rows are fetched. */
struct slot {
	MYSQL_STMT	*st;
	int		 ncols;
	char		 types[DB_MAX_BIND];
	void		*dst[DB_MAX_BIND];
	size_t		 cap[DB_MAX_BIND];
	unsigned long	 len[DB_MAX_BIND];
	my_bool		 isnull[DB_MAX_BIND];
	long long	 ival[DB_MAX_BIND];
};

struct db {
	MYSQL		*my;
	char		*conninfo;
	struct dbconf	 conf;
	size_t		 cur;		/* the server of the connection */
	int		 in_tx;
	unsigned int	 last_err;	/* of the last failure, since db_begin() */
	int		 again;		/* a failure the request may repeat */
	int		 kept;		/* a change committed, since db_mark() */
	struct slot	 slots[DB_STMTS_MAX];
};

static int
read_secret(const char *path, char **out)
{
	struct buf	 b;

	buf_init(&b);
	if (!buf_load_line(&b, path)) {
		log_warn("%s", path);
		explicit_bzero(b.s, b.len);
		buf_free(&b);
		return 0;
	}
	free(*out);
	*out = buf_detach(&b, NULL);
	return *out != NULL;
}

static void
stmts_close(struct db *db)
{
	size_t	 i;

	for (i = 0; i < DB_STMTS_MAX; i++)
		if (db->slots[i].st != NULL) {
			mysql_stmt_close(db->slots[i].st);
			db->slots[i].st = NULL;
		}
}

/*
 * A dead server costs the connect timeout before the next one is tried;
 * a server that stops answering mid-request, the read or write timeout.
 */
#define DB_CONNECT_TIMEOUT	2
#define DB_RW_TIMEOUT		10

/*
 * The rows of `sql` (SHOW STATUS or SHOW VARIABLES), name and value:
 * whether name `a` is "ON" into *a_on (-1 when absent), whether name
 * `b` is "Synced" into *b_synced. Returns 0 on failure (logged).
 */
static int
show(MYSQL *my, const char *where, const char *sql, const char *a,
    int *a_on, const char *b, int *b_synced)
{
	MYSQL_RES	*res;
	MYSQL_ROW	 row;

	*a_on = -1;
	*b_synced = 0;
	if (mysql_query(my, sql) != 0 ||
	    (res = mysql_store_result(my)) == NULL) {
		log_warnx("%s: %s: %s", where, sql, mysql_error(my));
		return 0;
	}
	while ((row = mysql_fetch_row(res)) != NULL) {
		if (row[0] == NULL || row[1] == NULL)
			continue;
		if (strcasecmp(row[0], a) == 0)
			*a_on = strcasecmp(row[1], "ON") == 0;
		else if (b != NULL && strcasecmp(row[0], b) == 0)
			*b_synced = strcmp(row[1], "Synced") == 0;
	}
	mysql_free_result(res);
	return 1;
}

/*
 * Whether the server of a fresh connection may take the service's work:
 * any server that is no Galera node (wsrep_on absent or OFF: a server
 * built with Galera support but running alone reports wsrep_ready OFF),
 * and a node only while it is ready and Synced (a joiner, a donor, a
 * node cut off from the primary component would refuse the work or
 * serve stale rows). Returns 0 when it may not, or on failure (logged).
 */
static int
node_ready(MYSQL *my, const char *where)
{
	int	 on, ready, synced, unused;

	if (!show(my, where, "SHOW VARIABLES LIKE 'wsrep_on'", "wsrep_on",
	    &on, NULL, &unused))
		return 0;
	if (on != 1)
		return 1;
	if (!show(my, where, "SHOW STATUS WHERE Variable_name IN "
	    "('wsrep_ready', 'wsrep_local_state_comment')", "wsrep_ready",
	    &ready, "wsrep_local_state_comment", &synced))
		return 0;
	if (ready != 1 || !synced) {
		log_warnx("%s: Galera node not ready (wsrep_ready %s, %s)",
		    where, ready == 1 ? "ON" : "OFF", synced ? "Synced" :
		    "not Synced");
		return 0;
	}
	/*
	 * Galera applies other nodes' write-sets asynchronously: without
	 * this, the page a browser is redirected to after a POST could be
	 * read on another node before that node applied the POST's commit.
	 * 1 makes every read wait until the node caught up with what the
	 * cluster had committed when the read began.
	 */
	if (mysql_query(my, "SET SESSION wsrep_sync_wait = 1") != 0) {
		log_warnx("%s: wsrep_sync_wait: %s", where, mysql_error(my));
		return 0;
	}
	return 1;
}

/* Connects to server `s`. Returns 0 on failure (logged). */
static int
connect_one(struct db *db, const struct dbserver *s)
{
	unsigned int	 timeout = DB_CONNECT_TIMEOUT, rw = DB_RW_TIMEOUT;
	char		 where[300];

	if (s->socket != NULL)
		snprintf(where, sizeof(where), "socket %s", s->socket);
	else if (s->host != NULL)
		snprintf(where, sizeof(where), "host %s port %u", s->host,
		    s->port != 0 ? s->port : 3306);
	else
		snprintf(where, sizeof(where), "the default socket");
	if ((db->my = mysql_init(NULL)) == NULL)
		return 0;
	mysql_options(db->my, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(db->my, MYSQL_OPT_READ_TIMEOUT, &rw);
	mysql_options(db->my, MYSQL_OPT_WRITE_TIMEOUT, &rw);
	mysql_options(db->my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(db->my, MYSQL_INIT_COMMAND,
	    "SET SESSION tx_isolation = 'READ-COMMITTED', "
	    "time_zone = '+00:00'");
	if (mysql_real_connect(db->my, s->host, db->conf.user,
	    db->conf.password, db->conf.database, s->port, s->socket,
	    0) == NULL)
		log_warnx("%s: mysql_real_connect: %s", where,
		    mysql_error(db->my));
	else if (node_ready(db->my, where))
		return 1;
	mysql_close(db->my);
	db->my = NULL;
	return 0;
}

/*
 * Connects to the first server that answers and is ready, starting at
 * server `first` and trying each once (one round is the bound: a caller
 * that needs more asks again later). Returns 0 when none would do.
 */
static int
connect_db(struct db *db, size_t first)
{
	size_t	 i, k, n = db->conf.nsrv;

	for (i = 0; i < n; i++) {
		k = (first + i) % n;
		if (connect_one(db, &db->conf.srv[k])) {
			if (k != db->cur)
				log_info("database: now server %zu of %zu",
				    k + 1, n);
			db->cur = k;
			return 1;
		}
	}
	if (n > 1)
		log_warnx("database: none of %zu servers would do", n);
	return 0;
}

/*
 * Opens a connection from a conninfo string (SMIME_DB, dbconf.h).
 * Returns NULL on failure (logged); db_close() frees it.
 */
struct db *
db_open(const char *info)
{
	struct db	*db;

	if ((db = calloc(1, sizeof(*db))) == NULL)
		return NULL;
	if ((db->conninfo = strdup(info)) == NULL ||
	    !dbconf_parse(&db->conf, info) ||
	    (db->conf.password_file != NULL &&
	    !read_secret(db->conf.password_file, &db->conf.password)) ||
	    !connect_db(db, 0)) {
		db_close(db);
		return NULL;
	}
	return db;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	stmts_close(db);
	if (db->my != NULL)
		mysql_close(db->my);
	dbconf_free(&db->conf);
	free(db->conninfo);
	free(db);
}

const char *
db_conninfo(const struct db *db)
{
	return db->conninfo;
}

MYSQL *
db_handle(struct db *db)
{
	return db->my;
}

int
db_in_tx(const struct db *db)
{
	return db->in_tx;
}

/*
 * Whether error `err` means the connection is no use any more: the
 * server went away, or (1047) it is a Galera node that left the primary
 * component and refuses work until it rejoins.
 */
static int
gone(unsigned int err)
{
	return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST ||
	    err == CR_CONNECTION_ERROR || err == ER_UNKNOWN_STMT_HANDLER ||
	    err == CR_CONN_HOST_ERROR || err == ER_UNKNOWN_COM_ERROR;
}

/*
 * Forgets a connection that is no use any more; the next statement
 * outside a transaction connects again, to the next server. A
 * transaction in progress stays marked: its work is lost, and its
 * remaining statements and COMMIT must fail rather than run on a new
 * connection in autocommit.
 */
static void
drop(struct db *db)
{
	stmts_close(db);
	if (db->my != NULL)
		mysql_close(db->my);
	db->my = NULL;
}

/*
 * Notes failure `err` of a statement (`commit`: of COMMIT itself) for
 * db_retry(): a deadlock (Galera's certification failure among them)
 * or a connection lost before COMMIT was sent leaves nothing of the
 * transaction behind, so the request may be run again; a connection
 * lost while COMMIT was on its way leaves its outcome unknown, and it
 * may not.
 */
static void
failed(struct db *db, unsigned int err, int commit)
{
	db->last_err = err;
	/* A lock wait timeout is not worth waiting for again: see
	 * db_busy(). */
	if (err == ER_LOCK_DEADLOCK)
		db->again = 1;
	else if (gone(err)) {
		if (commit)
			db->kept = 1;
		/* No server to connect to: trying again would only wait. */
		else if (err != CR_CONNECTION_ERROR &&
		    err != CR_CONN_HOST_ERROR)
			db->again = 1;
		drop(db);
	}
}

/*
 * After the server went away: a new connection, to the next server,
 * statements prepared again on their next use. Never inside a
 * transaction, whose work the server has already rolled back.
 */
static int
reconnect(struct db *db)
{
	if (db->in_tx)
		abort();
	log_info("database connection lost; reconnecting");
	drop(db);
	return connect_db(db, db->cur + 1);
}

/*
 * Starts a request's account of failures: see db_retry().
 */
void
db_mark(struct db *db)
{
	db->again = 0;
	db->kept = 0;
	db->last_err = 0;
}

/*
 * Whether the request since db_mark() failed in a way that running it
 * again from the start may cure, with nothing of it kept: a deadlock, a
 * transaction that Galera's certification refused, a connection lost
 * before COMMIT. Never once a change of it was committed.
 */
int
db_retry(const struct db *db)
{
	return db->again && !db->kept;
}

/* Statements given a slot so far, in this process. */
static int	 nslots;

/*
 * Statement `q` prepared on the connection, prepared now on its first
 * use. NULL on failure, with *err the server's error (0 for memory).
 */
static MYSQL_STMT *
stmt_get(struct db *db, struct dbstmt *q, unsigned int *err)
{
	MYSQL_STMT	*st;

	*err = 0;
	if (q->slot < 0) {
		if (nslots == DB_STMTS_MAX)
			abort();	/* raise DB_STMTS_MAX */
		q->slot = nslots++;
	}
	if (db->slots[q->slot].st != NULL)
		return db->slots[q->slot].st;
	if (db->my == NULL && db->in_tx) {
		/* The transaction went with the connection. */
		*err = CR_SERVER_LOST;
		return NULL;
	}
	if (db->my == NULL && !reconnect(db)) {
		*err = CR_CONNECTION_ERROR;
		return NULL;
	}
	if ((st = mysql_stmt_init(db->my)) == NULL)
		return NULL;
	if (mysql_stmt_prepare(st, q->sql, strlen(q->sql)) != 0) {
		*err = mysql_stmt_errno(st);
		log_warnx("prepare %s: %s", q->name, mysql_stmt_error(st));
		mysql_stmt_close(st);
		return NULL;
	}
	db->slots[q->slot].st = st;
	return st;
}

/* The slot of a prepared statement: where its result bindings live. */
static int
slot_of(struct db *db, MYSQL_STMT *st)
{
	int	 i;

	for (i = 0; i < nslots; i++)
		if (db->slots[i].st == st)
			return i;
	abort();
}

/*
 * Executes statement `id` with parameters per `fmt`: 'i' long long,
 * 's' const char * (NULL binds SQL NULL), 'b' const void *, size_t (bytes). A result set is stored
 * client-side, so statements may nest. On a lost connection outside a
 * transaction it reconnects and tries once more.
 * Returns the statement, to read with db_result()/db_row() and release
 * with db_done(), or NULL on failure (logged).
 */
static MYSQL_STMT *
vexec(struct db *db, struct dbstmt *q, const char *fmt, va_list args)
{
	MYSQL_BIND	 b[DB_MAX_BIND];
	long long	 iv[DB_MAX_BIND];
	unsigned long	 lens[DB_MAX_BIND];
	MYSQL_STMT	*st;
	va_list		 ap;
	size_t		 i, n = strlen(fmt);
	const char	*s;
	unsigned int	 err;
	int		 attempt;

	if (n > DB_MAX_BIND)
		abort();
	for (attempt = 0; attempt < 2; attempt++) {
		if ((st = stmt_get(db, q, &err)) == NULL) {
			if (attempt == 0 && gone(err) && !db->in_tx &&
			    reconnect(db))
				continue;
			if (err != 0)
				failed(db, err, 0);
			return NULL;
		}
		memset(b, 0, sizeof(b));
		va_copy(ap, args);
		for (i = 0; i < n; i++) {
			switch (fmt[i]) {
			case 'i':
				iv[i] = va_arg(ap, long long);
				b[i].buffer_type = MYSQL_TYPE_LONGLONG;
				b[i].buffer = &iv[i];
				break;
			case 'b':
				b[i].buffer_type = MYSQL_TYPE_BLOB;
				b[i].buffer = (void *)va_arg(ap, const void *);
				lens[i] = (unsigned long)va_arg(ap, size_t);
				b[i].buffer_length = lens[i];
				b[i].length = &lens[i];
				break;
			case 's':
				s = va_arg(ap, const char *);
				if (s == NULL) {
					b[i].buffer_type = MYSQL_TYPE_NULL;
					break;
				}
				lens[i] = strlen(s);
				b[i].buffer_type = MYSQL_TYPE_STRING;
				b[i].buffer = (void *)s;
				b[i].buffer_length = lens[i];
				b[i].length = &lens[i];
				break;
			default:
				abort();
			}
		}
		va_end(ap);
		if (mysql_stmt_bind_param(st, b) == 0 &&
		    mysql_stmt_execute(st) == 0) {
			if (mysql_stmt_field_count(st) > 0 &&
			    mysql_stmt_store_result(st) != 0)
				break;
			if (!db->in_tx && mysql_stmt_field_count(st) == 0)
				db->kept = 1;	/* autocommit: a change */
			return st;
		}
		err = mysql_stmt_errno(st);
		if (attempt == 0 && gone(err) && !db->in_tx && reconnect(db))
			continue;
		break;
	}
	if (st != NULL) {
		err = mysql_stmt_errno(st);
		/* A duplicate key is an answer (DB_DUP), not a failure. */
		if (err != ER_DUP_ENTRY)
			log_warnx("execute %s: %s", q->name,
			    mysql_stmt_error(st));
		/* A lost connection is dropped here: the next request
		 * starts on a fresh one, to the next server. */
		failed(db, err, 0);
	}
	return NULL;
}

MYSQL_STMT *
db_exec(struct db *db, struct dbstmt *q, const char *fmt, ...)
{
	MYSQL_STMT	*st;
	va_list		 ap;

	va_start(ap, fmt);
	st = vexec(db, q, fmt, ap);
	va_end(ap);
	return st;
}

/*
 * Binds the result columns of an executed statement per `fmt`:
 * 'i' long long * (SQL NULL reads as 0), 's' char *, size_t (a buffer
 * and its size; the value is cut to fit, NUL-terminated; NULL reads as ""),
 * 'B' struct buf * (a value of any length, replaced on every row).
 * Returns 0 on failure (logged).
 */
int
db_result(struct db *db, MYSQL_STMT *st, const char *fmt, ...)
{
	struct slot	*sl = &db->slots[slot_of(db, st)];
	MYSQL_BIND	 b[DB_MAX_BIND];
	va_list		 ap;
	int		 i, n = (int)strlen(fmt);

	if (n > DB_MAX_BIND)
		abort();
	memset(b, 0, sizeof(b));
	sl->ncols = n;
	va_start(ap, fmt);
	for (i = 0; i < n; i++) {
		sl->types[i] = fmt[i];
		sl->dst[i] = va_arg(ap, void *);
		b[i].is_null = &sl->isnull[i];
		b[i].length = &sl->len[i];
		if (fmt[i] == 'i') {
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = &sl->ival[i];
		} else if (fmt[i] == 'B') {
			/* Length first; db_row() fetches the bytes. */
			b[i].buffer_type = MYSQL_TYPE_BLOB;
			b[i].buffer = NULL;
			b[i].buffer_length = 0;
		} else if (fmt[i] == 's') {
			sl->cap[i] = va_arg(ap, size_t);
			if (sl->cap[i] == 0)
				abort();
			b[i].buffer_type = MYSQL_TYPE_STRING;
			b[i].buffer = sl->dst[i];
			b[i].buffer_length = sl->cap[i] - 1;
		} else
			abort();
	}
	va_end(ap);
	if (mysql_stmt_bind_result(st, b) != 0) {
		log_warnx("bind_result: %s", mysql_stmt_error(st));
		return 0;
	}
	return 1;
}

/*
 * Fetches the next row into the bound buffers.
 * Returns 1 for a row, 0 at the end, -1 on error (logged).
 */
int
db_row(struct db *db, MYSQL_STMT *st)
{
	struct slot	*sl = &db->slots[slot_of(db, st)];
	int		 rc, i;
	char		*s;

	rc = mysql_stmt_fetch(st);
	if (rc == MYSQL_NO_DATA)
		return 0;
	if (rc != 0 && rc != MYSQL_DATA_TRUNCATED) {
		log_warnx("fetch: %s", mysql_stmt_error(st));
		return -1;
	}
	for (i = 0; i < sl->ncols; i++) {
		if (sl->types[i] == 'B') {
			struct buf	*bb = sl->dst[i];
			MYSQL_BIND	 fb;

			buf_reset(bb);
			if (sl->isnull[i] || sl->len[i] == 0)
				continue;
			if (!buf_grow(bb, sl->len[i]))
				return -1;
			memset(&fb, 0, sizeof(fb));
			fb.buffer_type = MYSQL_TYPE_BLOB;
			fb.buffer = bb->s;
			fb.buffer_length = sl->len[i];
			if (mysql_stmt_fetch_column(st, &fb, (unsigned int)i, 0)) {
				log_warnx("fetch_column: %s", mysql_stmt_error(st));
				return -1;
			}
			bb->len = sl->len[i];
			bb->s[bb->len] = '\0';
			continue;
		}
		if (sl->types[i] == 'i') {
			*(long long *)sl->dst[i] = sl->isnull[i] ? 0 :
			    sl->ival[i];
			continue;
		}
		s = sl->dst[i];
		if (sl->isnull[i])
			s[0] = '\0';
		else
			s[sl->len[i] < sl->cap[i] - 1 ?
			    sl->len[i] : sl->cap[i] - 1] = '\0';
	}
	return 1;
}

/*
 * The one row of an executed statement whose columns were bound
 * (`bound`: what db_result() answered), then releases the result.
 * Returns DB_OK, DB_NOTFOUND when there is no row, or DB_ERR.
 */
enum dbrc
db_one(struct db *db, MYSQL_STMT *st, int bound)
{
	int	 r = bound ? db_row(db, st) : -1;

	db_done(st);
	return r < 0 ? DB_ERR : r == 0 ? DB_NOTFOUND : DB_OK;
}

/*
 * Feeds every row of executed statement `st`, whose result the caller
 * has bound (`bound`, db_result()'s answer), to `row(arg)`, and releases
 * the statement. Returns DB_OK after the last row; DB_ERR for a NULL
 * statement (a failed execution), a failed binding or fetch, or a row
 * callback that returned 0.
 */
enum dbrc
db_each(struct db *db, MYSQL_STMT *st, int bound, int (*row)(void *),
    void *arg)
{
	int	 r = -1;

	if (st == NULL)
		return DB_ERR;
	if (bound)
		while ((r = db_row(db, st)) == 1)
			if (!row(arg)) {
				r = -1;
				break;
			}
	db_done(st);
	return r == 0 ? DB_OK : DB_ERR;
}

/* Releases a statement's stored result; the statement stays prepared. */
void
db_done(MYSQL_STMT *st)
{
	if (st != NULL)
		mysql_stmt_free_result(st);
}

/*
 * Executes a statement that returns no rows. *id, when not NULL, gets
 * the AUTO_INCREMENT value of an INSERT.
 * Returns DB_OK, DB_NOTFOUND when no row changed, DB_DUP on a unique key
 * conflict, DB_ERR otherwise.
 */
enum dbrc
db_run(struct db *db, struct dbstmt *q, unsigned long long *id,
    const char *fmt, ...)
{
	MYSQL_STMT	*st;
	va_list		 ap;

	va_start(ap, fmt);
	st = vexec(db, q, fmt, ap);
	va_end(ap);
	if (st == NULL) {
		if (q->slot >= 0 && db->slots[q->slot].st != NULL &&
		    mysql_stmt_errno(db->slots[q->slot].st) == ER_DUP_ENTRY)
			return DB_DUP;
		return DB_ERR;
	}
	if (id != NULL)
		*id = mysql_stmt_insert_id(st);
	return mysql_stmt_affected_rows(st) == 0 ? DB_NOTFOUND : DB_OK;
}

/*
 * Runs `sql`, a statement without parameters or rows (`commit`: it is
 * COMMIT). Returns 0 on failure (logged).
 */
static int
simple(struct db *db, const char *sql, int commit)
{
	if (db->my == NULL && db->in_tx) {
		/* Lost before `sql` was sent: the server rolled back. */
		log_warnx("%s: the transaction's connection was lost", sql);
		failed(db, CR_SERVER_LOST, 0);
		return 0;
	}
	if (db->my == NULL && !reconnect(db)) {
		db->last_err = CR_CONNECTION_ERROR;
		return 0;
	}
	if (mysql_real_query(db->my, sql, strlen(sql)) != 0) {
		log_warnx("%s: %s", sql, mysql_error(db->my));
		failed(db, mysql_errno(db->my), commit);
		return 0;
	}
	return 1;
}

/*
 * Whether the last failure since db_begin() was a deadlock or a lock
 * wait timeout: the server rolled the transaction back, nothing of it
 * was kept, and the same request may simply be sent again.
 */
int
db_busy(const struct db *db)
{
	return db->last_err == ER_LOCK_DEADLOCK ||
	    db->last_err == ER_LOCK_WAIT_TIMEOUT;
}

/*
 * Starts a transaction; on a lost connection it reconnects first, since
 * nothing of the transaction exists yet. Returns 0 on failure.
 */
int
db_begin(struct db *db)
{
	int	 again = db->again;

	if (db->in_tx)
		abort();
	db->last_err = 0;
	if (!simple(db, "START TRANSACTION", 0)) {
		/* Once more on a new connection, unless none could be
		 * made just now. */
		if (!gone(db->last_err) ||
		    db->last_err == CR_CONNECTION_ERROR ||
		    !simple(db, "START TRANSACTION", 0))
			return 0;
		/* Nothing was lost: the first attempt began nothing. */
		db->again = again;
	}
	db->in_tx = 1;
	return 1;
}

int
db_commit(struct db *db)
{
	int	 rc;

	if ((rc = simple(db, "COMMIT", 1)))
		db->kept = 1;
	db->in_tx = 0;
	return rc;
}

void
db_rollback(struct db *db)
{
	if (db->in_tx && db->my != NULL)
		(void)simple(db, "ROLLBACK", 0);
	db->in_tx = 0;
}
