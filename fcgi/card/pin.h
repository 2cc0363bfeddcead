/*
 * The card's PIN for smime-card: from a file (--pin-file, for
 * automation), from the terminal without echo, or from a pinentry
 * program (the Assuan protocol of GnuPG's pinentry) when there is no
 * terminal, as when a browser starts the agent. Never from the command
 * line or the environment.
 *
 * Ownership: pin_* fill a caller's buffer of PIN_MAX bytes; pin_wipe()
 * clears it.
 */
#ifndef SMIME_PIN_H
#define SMIME_PIN_H

#include <stddef.h>

#define PIN_MAX	128	/* bytes of a PIN, NUL included */

int	 pin_from_file(const char *, char *, char *, size_t);
int	 pin_ask(const char *, const char *, char *, char *, size_t);
void	 pin_wipe(char *);

#endif
