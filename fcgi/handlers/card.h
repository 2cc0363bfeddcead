/*
 * Step 3 with a key pair on a cryptographic card (card.c, part of the
 * activation program): the wizard's card page, the details view's
 * "Install on card", and the card agent's protocol under
 * /activation/card/{code} (docs/card.md).
 */
#ifndef SMIME_HANDLERS_CARD_H
#define SMIME_HANDLERS_CARD_H

struct ctx;
struct req;

#define CARD_PASS	0	/* card_route(): not a card request */

int	 card_anonymous(const char *);
int	 card_route(struct ctx *, struct req *);

#endif
