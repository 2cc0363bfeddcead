/*
 * Unit tests of sandbox.c: each case forks a child that enters the
 * workers' filter and then makes one call, and the parent checks what
 * became of it: starting a program kills the worker (SIGSYS); writing a
 * file, a netlink socket or a fork (outside the activation program) fail
 * with EPERM; reading a file, a unix socket and time work; the
 * activation program's workers may fork their signer.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/socket.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sandbox.h"

enum probe {
	PROBE_EXEC,		/* execve: fatal */
	PROBE_WRITE_FILE,	/* open for writing: EPERM */
	PROBE_READ_FILE,	/* open for reading: allowed */
	PROBE_NETLINK,		/* socket(AF_NETLINK): EPERM */
	PROBE_UNIX,		/* socket(AF_UNIX): allowed */
	PROBE_FORK,		/* fork: EPERM, or allowed with SANDBOX_SIGNER */
	PROBE_TIME,		/* clock_gettime: allowed */
	PROBE__MAX
};

/*
 * Runs `probe` in a child under the filter (with `need`). Returns the
 * child's wait status; its exit code is 0 when the call succeeded, 1
 * when it failed with EPERM, 2 otherwise, 3 when the filter failed.
 */
static int
run(enum probe probe, enum sandbox_need need)
{
	char	 path[] = "/tmp/sandbox-test-XXXXXX";
	pid_t	 pid, kid;
	int	 status = 0, fd, rc;

	if (probe == PROBE_READ_FILE) {
		assert_true((fd = mkstemp(path)) >= 0);
		close(fd);
	}
	assert_true((pid = fork()) >= 0);
	if (pid == 0) {
		/* The refusal log line would clutter the test's output. */
		if ((fd = open("/dev/null", O_WRONLY)) >= 0)
			dup2(fd, STDERR_FILENO);
		sandbox_want(need);
		if (!sandbox_enter())
			_exit(3);
		errno = 0;
		switch (probe) {
		case PROBE_EXEC:
			execl("/bin/true", "true", (char *)NULL);
			rc = -1;
			break;
		case PROBE_WRITE_FILE:
			rc = open("/tmp/sandbox-test-written",
			    O_WRONLY | O_CREAT, 0600);
			break;
		case PROBE_READ_FILE:
			rc = open(path, O_RDONLY);
			break;
		case PROBE_NETLINK:
			rc = socket(AF_NETLINK, SOCK_RAW, 0);
			break;
		case PROBE_UNIX:
			rc = socket(AF_UNIX, SOCK_STREAM, 0);
			break;
		case PROBE_FORK:
			if ((kid = fork()) == 0)
				_exit(0);
			rc = kid > 0 ? (waitpid(kid, NULL, 0) == kid ? 0 : -1) :
			    -1;
			break;
		case PROBE_TIME: {
			struct timespec	 ts;

			rc = clock_gettime(CLOCK_REALTIME, &ts);
			break;
		}
		default:
			rc = -1;
		}
		_exit(rc >= 0 ? 0 : errno == EPERM ? 1 : 2);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (probe == PROBE_READ_FILE)
		unlink(path);
	return status;
}

static void
exits(int status, int code, const char *what)
{
	if (!WIFEXITED(status))
		fail_msg("%s: killed by signal %d", what, WTERMSIG(status));
	if (WEXITSTATUS(status) != code)
		fail_msg("%s: exit %d, expected %d", what, WEXITSTATUS(status),
		    code);
}

static void
test_exec_kills(void **state)
{
	int	 status = run(PROBE_EXEC, SANDBOX_BASE);

	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGSYS);
	status = run(PROBE_EXEC, SANDBOX_SIGNER);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGSYS);
}

static void
test_refused(void **state)
{
	exits(run(PROBE_WRITE_FILE, SANDBOX_BASE), 1, "open for writing");
	exits(run(PROBE_NETLINK, SANDBOX_BASE), 1, "netlink socket");
	exits(run(PROBE_FORK, SANDBOX_BASE), 1, "fork");
	/* Nothing was written. */
	assert_int_equal(access("/tmp/sandbox-test-written", F_OK), -1);
}

static void
test_allowed(void **state)
{
	exits(run(PROBE_READ_FILE, SANDBOX_BASE), 0, "open for reading");
	exits(run(PROBE_UNIX, SANDBOX_BASE), 0, "unix socket");
	exits(run(PROBE_TIME, SANDBOX_BASE), 0, "clock_gettime");
	exits(run(PROBE_FORK, SANDBOX_SIGNER), 0, "fork with SANDBOX_SIGNER");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exec_kills),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_allowed),
	};

	unsetenv("SMIME_SANDBOX");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
