#include "config.h"

#include <sys/prctl.h>
#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

#include <seccomp.h>

#include "log.h"
#include "sandbox.h"

static int	 needs;		/* enum sandbox_need bits */
static int	 active;

/* Never needed by a worker: the worker dies at once (SIGSYS). */
static const int	 fatal[] = {
	SCMP_SYS(execve), SCMP_SYS(execveat), SCMP_SYS(ptrace),
	SCMP_SYS(process_vm_readv), SCMP_SYS(process_vm_writev),
	SCMP_SYS(mount), SCMP_SYS(umount2), SCMP_SYS(pivot_root),
	SCMP_SYS(chroot), SCMP_SYS(setuid), SCMP_SYS(setgid),
	SCMP_SYS(setreuid), SCMP_SYS(setregid), SCMP_SYS(setresuid),
	SCMP_SYS(setresgid), SCMP_SYS(setgroups), SCMP_SYS(init_module),
	SCMP_SYS(finit_module), SCMP_SYS(delete_module),
	SCMP_SYS(kexec_load), SCMP_SYS(reboot), SCMP_SYS(swapon),
	SCMP_SYS(swapoff), SCMP_SYS(bpf), SCMP_SYS(perf_event_open),
	SCMP_SYS(unshare), SCMP_SYS(setns), SCMP_SYS(keyctl),
	SCMP_SYS(add_key), SCMP_SYS(request_key), SCMP_SYS(userfaultfd),
	SCMP_SYS(personality), SCMP_SYS(acct), SCMP_SYS(open_by_handle_at),
	SCMP_SYS(name_to_handle_at), SCMP_SYS(settimeofday),
	SCMP_SYS(clock_settime), SCMP_SYS(adjtimex),
	SCMP_SYS(sethostname), SCMP_SYS(setdomainname), SCMP_SYS(chmod),
	SCMP_SYS(fchmodat), SCMP_SYS(chown), SCMP_SYS(fchownat),
	SCMP_SYS(link), SCMP_SYS(linkat), SCMP_SYS(symlink),
	SCMP_SYS(symlinkat), SCMP_SYS(mknod), SCMP_SYS(mknodat),
};

/*
 * What serving a request takes: memory, time, signals, the FastCGI
 * socket and the database's (accept, read, write, poll), the resolver's
 * UDP and TCP sockets for CAA (c-ares), reading files (stylesheets,
 * catalogues, settings, the CA certificate, the weak-key lists).
 */
static const int	 allowed[] = {
	SCMP_SYS(read), SCMP_SYS(write), SCMP_SYS(readv), SCMP_SYS(writev),
	SCMP_SYS(pread64), SCMP_SYS(pwrite64), SCMP_SYS(close),
	SCMP_SYS(fstat), SCMP_SYS(newfstatat), SCMP_SYS(stat),
	SCMP_SYS(lstat), SCMP_SYS(statx), SCMP_SYS(lseek),
	SCMP_SYS(access), SCMP_SYS(faccessat), SCMP_SYS(faccessat2),
	SCMP_SYS(getdents64), SCMP_SYS(readlink), SCMP_SYS(readlinkat),
	SCMP_SYS(getcwd), SCMP_SYS(fcntl), SCMP_SYS(ioctl), SCMP_SYS(dup),
	SCMP_SYS(dup2), SCMP_SYS(dup3), SCMP_SYS(pipe), SCMP_SYS(pipe2),
	SCMP_SYS(mmap), SCMP_SYS(munmap), SCMP_SYS(mremap),
	SCMP_SYS(mprotect), SCMP_SYS(brk), SCMP_SYS(madvise),
	SCMP_SYS(rt_sigaction), SCMP_SYS(rt_sigprocmask),
	SCMP_SYS(rt_sigreturn), SCMP_SYS(sigaltstack),
	SCMP_SYS(poll), SCMP_SYS(ppoll), SCMP_SYS(select),
	SCMP_SYS(pselect6), SCMP_SYS(epoll_create1), SCMP_SYS(epoll_ctl),
	SCMP_SYS(epoll_wait), SCMP_SYS(epoll_pwait),
	SCMP_SYS(accept), SCMP_SYS(accept4), SCMP_SYS(connect),
	SCMP_SYS(bind), SCMP_SYS(recvfrom), SCMP_SYS(recvmsg),
	SCMP_SYS(recvmmsg), SCMP_SYS(sendto), SCMP_SYS(sendmsg),
	SCMP_SYS(sendmmsg), SCMP_SYS(getsockopt), SCMP_SYS(setsockopt),
	SCMP_SYS(getsockname), SCMP_SYS(getpeername), SCMP_SYS(shutdown),
	SCMP_SYS(getpid), SCMP_SYS(getppid), SCMP_SYS(gettid),
	SCMP_SYS(getuid), SCMP_SYS(geteuid), SCMP_SYS(getgid),
	SCMP_SYS(getegid), SCMP_SYS(getrandom), SCMP_SYS(uname),
	SCMP_SYS(clock_gettime), SCMP_SYS(clock_getres),
	SCMP_SYS(gettimeofday), SCMP_SYS(time), SCMP_SYS(nanosleep),
	SCMP_SYS(clock_nanosleep), SCMP_SYS(futex), SCMP_SYS(sched_yield),
	SCMP_SYS(sched_getaffinity), SCMP_SYS(getrusage),
	SCMP_SYS(prlimit64), SCMP_SYS(sysinfo), SCMP_SYS(umask),
	SCMP_SYS(set_robust_list), SCMP_SYS(rseq), SCMP_SYS(restart_syscall),
	SCMP_SYS(exit), SCMP_SYS(exit_group), SCMP_SYS(kill),
	SCMP_SYS(tgkill), SCMP_SYS(alarm), SCMP_SYS(setitimer),
	SCMP_SYS(getitimer), SCMP_SYS(membarrier),
};

/* The activation program's: its signer, and the CRL files it writes. */
static const int	 signer[] = {
	SCMP_SYS(clone), SCMP_SYS(clone3), SCMP_SYS(fork), SCMP_SYS(vfork),
	SCMP_SYS(wait4), SCMP_SYS(waitid), SCMP_SYS(prctl),
	SCMP_SYS(seccomp), SCMP_SYS(socketpair), SCMP_SYS(rename),
	SCMP_SYS(renameat), SCMP_SYS(renameat2), SCMP_SYS(unlink),
	SCMP_SYS(unlinkat), SCMP_SYS(fsync), SCMP_SYS(fdatasync),
	SCMP_SYS(ftruncate), SCMP_SYS(close_range),
};

/* Socket families: unix (FastCGI, MariaDB), IPv4 and IPv6 (resolver,
 * a database over TCP). */
static const int	 families[] = { AF_UNIX, AF_INET, AF_INET6 };

/*
 * A call outside the list: logged with its number (async-signal-safe:
 * formatted by hand, one write), then it fails with EPERM as if the
 * kernel had refused it.
 */
static void
on_sigsys(int sig, siginfo_t *si, void *arg)
{
	ucontext_t	*uc = arg;
	char		 line[80] = "sandbox: refused system call ";
	char		 num[16];
	size_t		 n = strlen(line), k = 0;
	unsigned int	 v = (unsigned int)si->si_syscall;

	do {
		num[k++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0 && k < sizeof(num));
	while (k > 0 && n < sizeof(line) - 2)
		line[n++] = num[--k];
	line[n++] = '\n';
	(void)write(STDERR_FILENO, line, n);
#if defined(__x86_64__)
	uc->uc_mcontext.gregs[REG_RAX] = -EPERM;
#elif defined(__aarch64__)
	uc->uc_mcontext.regs[0] = (unsigned long long)-EPERM;
#else
	(void)uc;
#endif
}

/*
 * Records what this program's workers need beyond the base list; called
 * from a handler's worker_init, before sandbox_enter().
 */
void
sandbox_want(enum sandbox_need need)
{
	needs |= (int)need;
}

/* Whether this process runs under the filter. */
int
sandbox_active(void)
{
	return active;
}

static int
allow_all(scmp_filter_ctx sc, const int *calls, size_t n)
{
	size_t	 i;

	/* A call this architecture lacks (SCMP_SYS() < 0) is skipped. */
	for (i = 0; i < n; i++)
		if (calls[i] >= 0 &&
		    seccomp_rule_add(sc, SCMP_ACT_ALLOW, calls[i], 0) != 0)
			return 0;
	return 1;
}

/*
 * Enters the filter (see sandbox.h). SMIME_SANDBOX=0 in the environment
 * leaves it off (a debugging aid, logged). Returns 0 when it could not
 * be set up: the worker must not serve then.
 */
int
sandbox_enter(void)
{
	scmp_filter_ctx		 sc = NULL;
	struct sigaction	 sa;
	const char		*v = getenv("SMIME_SANDBOX");
	size_t			 i;
	int			 ok = 0;

	if (v != NULL && strcmp(v, "0") == 0) {
		log_warnx("SMIME_SANDBOX=0: workers run without seccomp");
		return 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigsys;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSYS, &sa, NULL) == -1) {
		log_warn("sigaction SIGSYS");
		return 0;
	}
	if ((sc = seccomp_init(SCMP_ACT_TRAP)) == NULL)
		goto out;
	for (i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
		if (fatal[i] >= 0 && seccomp_rule_add(sc,
		    SCMP_ACT_KILL_PROCESS, fatal[i], 0) != 0)
			goto out;
	if (!allow_all(sc, allowed, sizeof(allowed) / sizeof(allowed[0])))
		goto out;
	for (i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		if (seccomp_rule_add(sc, SCMP_ACT_ALLOW, SCMP_SYS(socket), 1,
		    SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)families[i])) != 0)
			goto out;
	if (needs & SANDBOX_SIGNER) {
		if (!allow_all(sc, signer, sizeof(signer) / sizeof(signer[0])) ||
		    seccomp_rule_add(sc, SCMP_ACT_ALLOW, SCMP_SYS(openat), 0) != 0 ||
		    seccomp_rule_add(sc, SCMP_ACT_ALLOW, SCMP_SYS(open), 0) != 0)
			goto out;
	} else {
		/* Files are read, never written. */
		if (seccomp_rule_add(sc, SCMP_ACT_ALLOW, SCMP_SYS(openat), 1,
		    SCMP_A2(SCMP_CMP_MASKED_EQ, O_WRONLY | O_RDWR | O_CREAT |
		    O_TRUNC | O_APPEND, 0)) != 0 ||
		    seccomp_rule_add(sc, SCMP_ACT_ALLOW, SCMP_SYS(open), 1,
		    SCMP_A1(SCMP_CMP_MASKED_EQ, O_WRONLY | O_RDWR | O_CREAT |
		    O_TRUNC | O_APPEND, 0)) != 0)
			goto out;
	}
	if (seccomp_load(sc) != 0)
		goto out;
	active = 1;
	ok = 1;
out:
	if (!ok)
		log_warnx("seccomp: the worker's filter could not be loaded");
	seccomp_release(sc);
	return ok;
}
