// SPDX-License-Identifier: GPL-2.0
/* Container directories and the files in them. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config.h"
#include "error.h"
#include "runtime/store.h"

#define ISO_NAME_MAX 64

void iso_store_init(struct iso_store *s, const char *option)
{
	const char *env = getenv("ISO_PATH");

	snprintf(s->base, sizeof(s->base), "%s",
		 option ? option : env && *env ? env : ISO_DEFAULT_PATH);
}

int iso_name_check(const char *name, const char **why)
{
	const char *c;

	if (!*name)
		*why = "the name is empty";
	else if (strlen(name) > ISO_NAME_MAX)
		*why = "the name is longer than 64 bytes";
	else if (name[0] == '.' || name[0] == '-')
		*why = "the name starts with a dot or a dash";
	else
		*why = NULL;
	for (c = name; !*why && *c; c++)
		if (!(*c >= 'a' && *c <= 'z') && !(*c >= 'A' && *c <= 'Z') &&
		    !(*c >= '0' && *c <= '9') && !strchr("._-", *c))
			*why = *c == '/' ? "the name has a slash" :
			       "the name has a byte other than A-Z a-z 0-9 . _ -";
	return *why ? -EINVAL : 0;
}

int iso_store_make(const struct iso_store *s)
{
	char path[PATH_MAX], *slash;

	if (!s->base[0])
		return -ENOENT;
	memcpy(path, s->base, strlen(s->base) + 1);
	for (slash = strchr(path + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(path, 0755) && errno != EEXIST)
			return -errno;
		*slash = '/';
	}
	return mkdir(path, 0755) && errno != EEXIST ? -errno : 0;
}

bool iso_store_container(const struct iso_store *s, const char *name,
			 char *dir, char *cfg)
{
	const char *why;

	return !iso_name_check(name, &why) &&
	       !iso_store_path(s, name, NULL, dir) &&
	       !iso_store_path(s, name, "config", cfg) && !access(cfg, F_OK);
}

int iso_path_join(char *out, const char *dir, const char *file)
{
	if (snprintf(out, PATH_MAX, "%s/%s", dir, file) >= PATH_MAX)
		return -ENAMETOOLONG;
	return 0;
}

int iso_store_path(const struct iso_store *s, const char *name,
		   const char *file, char *out)
{
	int n = snprintf(out, PATH_MAX, "%s/%s%s%s", s->base, name,
			 file ? "/" : "", file ? file : "");

	return n < PATH_MAX ? 0 : -ENAMETOOLONG;
}

int iso_write_atomic(const char *path, const char *data, size_t len)
{
	char tmp[PATH_MAX];
	ssize_t n;
	int fd, ret = 0;

	if (snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	fd = mkstemp(tmp);
	if (fd < 0)
		return -errno;
	while (len && !ret) {
		n = write(fd, data, len);
		if (n < 0 && errno != EINTR)
			ret = -errno;
		else if (n > 0) {
			data += n;
			len -= n;
		}
	}
	if (!ret && (fchmod(fd, 0644) || fsync(fd)))
		ret = -errno;
	if (close(fd) && !ret)
		ret = -errno;
	if (!ret && rename(tmp, path))
		ret = -errno;
	if (ret)
		unlink(tmp);
	return ret;
}

static int remove_one(const char *path, const struct stat *st, int type,
		      struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type == FTW_DP)
		return rmdir(path) ? -errno : 0;
	return unlink(path) ? -errno : 0;
}

int iso_remove_tree(const char *path)
{
	int ret = nftw(path, remove_one, 32, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);

	if (ret == -1)
		return errno == ENOENT ? 0 : -errno;
	return ret;
}

int iso_remove_container(const char *dir)
{
	const char *slash = strrchr(dir, '/');
	char gone[PATH_MAX];
	int n, ret;

	/* ours alone: another removal of the name may still be under way */
	if (slash)
		n = snprintf(gone, sizeof(gone), "%.*s/.%.64s.removing.%d",
			     (int)(slash - dir), dir, slash + 1, (int)getpid());
	else
		n = snprintf(gone, sizeof(gone), ".%.64s.removing.%d", dir,
			     (int)getpid());
	if (n < 0 || (size_t)n >= sizeof(gone) ||
	    renameat2(AT_FDCWD, dir, AT_FDCWD, gone, RENAME_NOREPLACE))
		ret = iso_remove_tree(dir);	/* in place, then */
	else
		ret = iso_remove_tree(gone);
	return ret ? iso_fail(ret, "removing the container", dir) : 0;
}

int iso_load_container(const char *base, const char *name,
		       struct iso_config **cfg)
{
	struct iso_cfg_error err;
	struct iso_store store;
	char path[PATH_MAX], line[1024];
	const char *why;
	int ret;

	if (iso_name_check(name, &why))
		return iso_failf(-EINVAL, "container", "%s: %s", name, why);
	iso_store_init(&store, base);
	ret = iso_store_path(&store, name, "config", path);
	if (ret)
		return iso_fail(ret, "finding container", name);
	*cfg = calloc(1, sizeof(**cfg));
	if (!*cfg)
		return iso_fail(-ENOMEM, "loading", path);
	iso_config_init_zeroed(*cfg);
	ret = iso_config_load(path, *cfg, &err);
	if (ret == -EINVAL && err.line)
		fprintf(stderr, "isoctl: %s\n",
			iso_cfg_error_str(&err, line, sizeof(line)));
	else if (ret)
		iso_failf(-ENOENT, "finding container", "%s (no %s)", name, path);
	if (!ret && !(*cfg)->rootfs[0])
		ret = iso_failf(-EINVAL, "container", "%s: no lxc.rootfs.path in %s",
				name, path);
	if (ret) {
		free(*cfg);
		*cfg = NULL;
	}
	return ret;
}

int iso_container_dir(const char *base, const char *name, char *dir)
{
	struct iso_store store;
	const char *why;
	struct stat st;
	int ret;

	if (iso_name_check(name, &why))
		return iso_failf(-EINVAL, "container", "%s: %s", name, why);
	iso_store_init(&store, base);
	ret = iso_store_path(&store, name, NULL, dir);
	if (!ret && stat(dir, &st))
		ret = -errno;
	return ret ? iso_fail(ret, "finding container", dir) : 0;
}

int iso_touch(const char *path, mode_t mode)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, mode);

	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

int iso_copy_file(const char *src, const char *dst, mode_t mode)
{
	struct stat st;
	int in, out = -1, ret = 0;
	ssize_t n;

	in = open(src, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (in < 0)
		return -errno;
	if (fstat(in, &st)) {
		ret = -errno;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		ret = -EINVAL;
		goto out;
	}
	out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (out < 0 || fchmod(out, mode)) {
		ret = -errno;
		goto out;
	}
	for (off_t left = st.st_size; left > 0 && !ret; left -= n) {
		n = sendfile(out, in, NULL, left);
		if (n <= 0)
			ret = n < 0 ? -errno : -EIO;
	}
out:
	if (out >= 0)
		close(out);
	close(in);
	return ret;
}
