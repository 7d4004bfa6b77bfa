#ifndef QARI_CNCURSES_SHIM_H
#define QARI_CNCURSES_SHIM_H
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Swift 6 rejects the mutable C globals and cannot import the macros: wrap them. */
static inline WINDOW *qari_stdscr(void) { return stdscr; }
static inline int qari_lines(void) { return LINES; }
static inline int qari_cols(void) { return COLS; }
static inline int qari_wcwidth(wchar_t c) { return wcwidth(c); }
static inline attr_t qari_a_bold(void) { return A_BOLD; }
static inline attr_t qari_a_reverse(void) { return A_REVERSE; }
static inline attr_t qari_a_underline(void) { return A_UNDERLINE; }
static inline attr_t qari_a_dim(void) { return A_DIM; }
static inline attr_t qari_a_normal(void) { return A_NORMAL; }
static inline int qari_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int qari_key_resize(void) { return KEY_RESIZE; }
static inline WINDOW *qari_curscr(void) { return curscr; }
static inline int qari_colors(void) { return COLORS; }
static inline int qari_color_pairs(void) { return COLOR_PAIRS; }
#endif
