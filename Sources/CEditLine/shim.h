#ifndef PANORAMA_CEDITLINE_SHIM_H
#define PANORAMA_CEDITLINE_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <editline/readline.h>

/* wcwidth(3) is XSI: declared here so the default feature macros need not change. */
extern int wcwidth(wchar_t c);
/* Columns a character takes on the terminal (2 for CJK and emoji, 0 for combining marks, -1
   for control characters), per LC_CTYPE. */
static inline int pn_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

/* Swift 6 cannot touch C globals directly: one static inline accessor each. */
static inline void pn_set_completion(rl_completion_func_t *f) { rl_attempted_completion_function = f; }
static inline void pn_set_completion_over(int v) { rl_attempted_completion_over = v; }
static inline void pn_set_completion_append(int c) { rl_completion_append_character = c; }
/* Copies the string: libedit keeps the pointer for the process's lifetime. */
static inline void pn_set_word_break(const char *s) { rl_basic_word_break_characters = strdup(s); }
static inline void pn_set_special_prefixes(const char *s) { rl_special_prefixes = strdup(s); }
static inline void pn_set_completion_query_items(int n) { rl_completion_query_items = n; }
static inline void pn_set_pre_input_hook(rl_hook_func_t *f) { rl_pre_input_hook = f; }
static inline void pn_set_catch_signals(int v) { rl_catch_signals = v; }
static inline const char *pn_line_buffer(void) { return rl_line_buffer; }
static inline int pn_point(void) { return rl_point; }
static inline int pn_end(void) { return rl_end; }
static inline void pn_set_readline_name(const char *s) { rl_readline_name = (char *)s; }
static inline void pn_set_instream(FILE *f) { rl_instream = f; }
static inline void pn_set_outstream(FILE *f) { rl_outstream = f; }
static inline int pn_history_length(void) { return history_length; }
static inline int pn_history_base(void) { return history_base; }
static inline void pn_flush_stdout(void) { fflush(stdout); }
static inline void pn_write_stdout(const char *s) { fputs(s, stdout); fflush(stdout); }

/* The text of history entry `offset` (0 = oldest), or NULL. */
static inline const char *pn_history_line(int offset) {
    HIST_ENTRY *e = history_get(history_base + offset);
    return e ? e->line : NULL;
}

/* Removes history entry `offset` (0 = oldest) and frees it. */
static inline void pn_history_remove(int offset) {
    HIST_ENTRY *e = remove_history(offset);
    if (e) { free((void *)e->line); free(e); }
}
#endif
