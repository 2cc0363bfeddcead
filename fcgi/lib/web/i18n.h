/*
 * Message catalogues: xslt/i18n/<lang>.xml and a theme's overrides in
 * xslt/themes/<theme>/i18n/<lang>.xml, each <messages><m id="…">text</m>.
 *
 * Catalogues are loaded once per (theme, language) and kept for the life
 * of the process. Strings returned are owned by the catalogue.
 */
#ifndef SMIME_I18N_H
#define SMIME_I18N_H

struct catalog;

struct catalog	*i18n_get(const char *, const char *, const char *);
const char	*i18n_msg(const struct catalog *, const char *);
void		 i18n_free_all(void);
int		 name_valid(const char *, size_t);

#endif
