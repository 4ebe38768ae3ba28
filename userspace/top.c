// SPDX-License-Identifier: GPL-2.0
/*
 * isoctl top [-d SECS] [-s COLUMN] [-P PATH]: the stats table, live and
 * full-screen, as systemd-cgtop and lxc-top show cgroups.
 *
 * Keys: < and > move the sort column, r reverses it; c, m, n and t sort
 * by CPU %, memory, name and tasks; / filters by a part of the name
 * (Enter ends it, an empty one clears it); space pauses; + and - change
 * the interval; q quits.  Only what changed is redrawn: ncurses compares
 * each frame with the last, so there is no flicker, in tmux too.
 */
#include <errno.h>
#include <getopt.h>
#include <ncurses.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "isoctl.h"
#include "error.h"
#include "stats/columns.h"
#include "stats/sample.h"
#include "stats/table.h"

#define CELL_MAX	256
#define MIN(a, b)	((a) < (b) ? (a) : (b))
#define FILTER_MAX	64

struct top {
	struct iso_stats_source src;
	struct iso_stats_sample prev, now;
	unsigned int cols[64], n_cols;
	unsigned int sort;		/* index in cols[] */
	bool reverse, paused, editing;
	char filter[FILTER_MAX + 1];
	int interval_ms;
	char error[128];		/* the last sample's failure, shown */
};

static volatile sig_atomic_t stopping;

static void on_stop(int sig)
{
	stopping = sig;
}

static int top_usage(void)
{
	fprintf(stderr, "Usage: isoctl top [-d SECS] [-s COLUMN] [-P PATH]\n");
	return -EINVAL;
}

static const struct iso_stats_column *sort_column(const struct top *t)
{
	return &iso_stats_columns[t->cols[t->sort]];
}

/* A new sample, the last kept for CPU %; on failure the old one stays. */
static void sample(struct top *t)
{
	struct iso_stats_sample s;
	FILE *saved = stderr, *quiet;
	char *msg = NULL;
	size_t len = 0;
	int ret;

	/* what the sample would say on stderr goes to the status line */
	quiet = open_memstream(&msg, &len);
	if (quiet)
		stderr = quiet;
	ret = iso_stats_take(&t->src, NULL, 0, &s);
	if (quiet) {
		fclose(quiet);
		stderr = saved;
	}
	if (ret && msg && *msg)
		snprintf(t->error, sizeof(t->error), "%.127s", msg);
	else if (ret)
		snprintf(t->error, sizeof(t->error), "isoctl: sampling: %.100s",
			 strerror(-ret));
	else
		t->error[0] = '\0';
	if (strchr(t->error, '\n'))
		*strchr(t->error, '\n') = '\0';
	free(msg);
	if (ret)
		return;
	iso_stats_free(&t->prev);
	t->prev = t->now;
	t->now = s;
	iso_stats_rates(&t->now, t->prev.rows ? &t->prev : NULL);
}

static bool shown(const struct top *t, const struct iso_stats_row *r)
{
	return !t->filter[0] || strstr(r->name, t->filter);
}

static void draw(struct top *t)
{
	static char cells[64][CELL_MAX];
	size_t width[64], r;
	unsigned int c, rows = 0;
	int y = 2, x;

	erase();
	if (COLS < 40 || LINES < 5) {
		mvprintw(0, 0, "%.*s", COLS, "isoctl top: terminal too small");
		mvprintw(1, 0, "%dx%d, needs 40x5", COLS, LINES);
		refresh();
		return;
	}
	iso_stats_sort(&t->now, sort_column(t), t->reverse);
	for (c = 0; c < t->n_cols; c++)
		width[c] = strlen(iso_stats_columns[t->cols[c]].header);
	for (r = 0; r < t->now.n; r++) {
		if (!shown(t, &t->now.rows[r]))
			continue;
		rows++;
		for (c = 0; c < t->n_cols; c++) {
			iso_stats_cell(&iso_stats_columns[t->cols[c]], cells[c],
				       CELL_MAX, &t->now.rows[r]);
			if (strlen(cells[c]) > width[c])
				width[c] = strlen(cells[c]);
		}
	}
	snprintf(cells[0], CELL_MAX,
		 "isoctl top: %u of %zu containers, from %s, every %.1f s, by %s%s%s",
		 rows, t->now.n, t->src.module ? "iso.ko" : "cgroupfs",
		 t->interval_ms / 1000.0, sort_column(t)->header,
		 t->reverse ? " (reversed)" : "", t->paused ? ", paused" : "");
	/* nothing wraps: each line is cut at the terminal's width */
	mvprintw(0, 0, "%.*s", COLS, cells[0]);
	if (t->editing || t->filter[0])
		mvprintw(1, 0, "filter: %.*s%s", COLS > 10 ? COLS - 10 : 0,
			 t->filter, t->editing ? "_" : "");
	else if (t->error[0])
		mvprintw(1, 0, "%.*s", COLS, t->error);
	else
		mvprintw(1, 0, "%.*s", COLS,
			 "q quit, < > sort, r reverse, c m n t by CPU mem name tasks, / filter, space pause, + - interval");
	/* the header, the sort column in reverse video */
	for (c = 0, x = 0; c < t->n_cols && x < COLS; c++) {
		if (c == t->sort)
			attron(A_REVERSE);
		mvprintw(y, x, "%-*.*s", (int)MIN(width[c], (size_t)(COLS - x)),
			 COLS - x, iso_stats_columns[t->cols[c]].header);
		if (c == t->sort)
			attroff(A_REVERSE);
		x += width[c] + 3;
	}
	for (r = 0; r < t->now.n && y + 1 < LINES; r++) {
		if (!shown(t, &t->now.rows[r]))
			continue;
		y++;
		for (c = 0, x = 0; c < t->n_cols && x < COLS; c++) {
			iso_stats_cell(&iso_stats_columns[t->cols[c]], cells[0],
				       CELL_MAX, &t->now.rows[r]);
			mvprintw(y, x, "%-*.*s",
				 (int)MIN(width[c], (size_t)(COLS - x)), COLS - x,
				 cells[0]);
			x += width[c] + 3;
		}
	}
	refresh();
}

/* The column of @key, among those shown; false if it is not there. */
static bool sort_by(struct top *t, const char *key)
{
	unsigned int c;

	for (c = 0; c < t->n_cols; c++)
		if (!strcmp(iso_stats_columns[t->cols[c]].key, key)) {
			t->sort = c;
			return true;
		}
	return false;
}

/* Edit the filter; false once it is done. */
static void edit(struct top *t, int ch)
{
	size_t len = strlen(t->filter);

	if (ch == '\n' || ch == KEY_ENTER || ch == 27) {
		t->editing = false;
		if (ch == 27)
			t->filter[0] = '\0';
	} else if ((ch == KEY_BACKSPACE || ch == 127 || ch == 8) && len) {
		t->filter[len - 1] = '\0';
	} else if (ch >= ' ' && ch < 127 && len < FILTER_MAX) {
		t->filter[len] = ch;
		t->filter[len + 1] = '\0';
	}
}

/* One key; false to quit. */
static bool key(struct top *t, int ch)
{
	if (t->editing) {
		edit(t, ch);
		return true;
	}
	switch (ch) {
	case 'q':
	case 'Q':
		return false;
	case '<':
	case KEY_LEFT:
		t->sort = t->sort ? t->sort - 1 : t->n_cols - 1;
		break;
	case '>':
	case KEY_RIGHT:
		t->sort = (t->sort + 1) % t->n_cols;
		break;
	case 'r':
		t->reverse = !t->reverse;
		break;
	case 'c':
		sort_by(t, "cpu");
		break;
	case 'm':
		sort_by(t, "mem");
		break;
	case 'n':
		sort_by(t, "name");
		break;
	case 't':
		sort_by(t, "pids");
		break;
	case '/':
		t->editing = true;
		t->filter[0] = '\0';
		break;
	case ' ':
		t->paused = !t->paused;
		break;
	case '+':
		if (t->interval_ms < 60000)
			t->interval_ms += t->interval_ms < 1000 ? 100 : 1000;
		break;
	case '-':
		t->interval_ms -= t->interval_ms <= 1000 ? 100 : 1000;
		if (t->interval_ms < 100)
			t->interval_ms = 100;
		break;
	default:
		break;
	}
	return true;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

static void run(struct top *t)
{
	long next = 0;
	int ch;

	while (!stopping) {
		if (!t->paused && now_ms() >= next) {
			sample(t);
			next = now_ms() + t->interval_ms;
		}
		draw(t);
		/* wake for a key, or for the next sample */
		timeout(t->paused ? -1 : (int)(next - now_ms() > 0 ? next - now_ms() : 0));
		ch = getch();
		if (ch != ERR && ch != KEY_RESIZE && !key(t, ch))
			break;
	}
}

static int parse(int argc, char **argv, struct top *t, const char **store,
		 const char **sort)
{
	static const struct option opts[] = {
		{ "delay", required_argument, NULL, 'd' },
		{ "sort", required_argument, NULL, 's' },
		{ "lxcpath", required_argument, NULL, 'P' },
		{ 0 }
	};
	char *end;
	double secs;
	int opt;

	t->interval_ms = 1000;
	while ((opt = getopt_long(argc, argv, "d:s:P:", opts, NULL)) != -1) {
		switch (opt) {
		case 'd':
			secs = strtod(optarg, &end);
			if (end == optarg || *end || !(secs >= 0.1) || secs > 60)
				return iso_fail_why(-EINVAL, "parsing -d", optarg,
						    "not a number of seconds from 0.1 to 60");
			t->interval_ms = secs * 1000;
			break;
		case 's':
			if (!iso_stats_column_find(optarg))
				return iso_fail_why(-EINVAL, "parsing -s", optarg,
						    "not a column: name, cpu, mem, memp, net, block, pids, forks, execs, exits, csw, oom, limits, parent");
			*sort = optarg;
			break;
		case 'P':
			*store = optarg;
			break;
		default:
			return top_usage();
		}
	}
	return optind < argc ? top_usage() : 0;
}

int cmd_top(int argc, char **argv)
{
	struct sigaction stop = { .sa_handler = on_stop };
	const char *store = NULL, *sort = "cpu";
	unsigned int all[64];
	struct top *t;
	int ret;

	t = calloc(1, sizeof(*t));
	if (!t)
		return iso_fail(-ENOMEM, "allocating", "top");
	ret = parse(argc, argv, t, &store, &sort);
	if (!ret && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)))
		ret = iso_fail_why(-ENOTTY, "starting", "top",
				   "it needs a terminal; isoctl stats --watch does not");
	if (!ret)
		ret = iso_stats_open(&t->src, store, true);
	if (ret) {
		free(t);
		return ret;
	}
	/* every column the source has; PARENT too, with iso.ko */
	t->n_cols = iso_stats_default_columns(&(struct iso_stats_sample){ 0 },
					      t->src.module, all);
	memcpy(t->cols, all, sizeof(all));
	if (t->src.module)
		t->cols[t->n_cols++] = iso_stats_column_find("parent") -
				       iso_stats_columns;
	if (!sort_by(t, sort)) {
		ret = iso_fail_why(-EINVAL, "parsing -s", sort,
				   "iso.ko is not loaded: the figures from cgroupfs have no such column");
		goto out;
	}
	/* no SA_RESTART: a paused top, blocked in getch(), wakes to quit */
	sigaction(SIGINT, &stop, NULL);
	sigaction(SIGTERM, &stop, NULL);
	if (!newterm(NULL, stdout, stdin)) {
		ret = iso_fail_why(-EINVAL, "starting", "top",
				   "the terminal ($TERM) is not one ncurses knows");
		goto out;
	}
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	run(t);
	endwin();
out:
	iso_stats_free(&t->prev);
	iso_stats_free(&t->now);
	iso_stats_close(&t->src);
	free(t);
	return ret;
}
