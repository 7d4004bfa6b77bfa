#ifndef QARI_CFRIBIDI_SHIM_H
#define QARI_CFRIBIDI_SHIM_H
#include <fribidi/fribidi.h>

/* FriBidi spells its constants and predicates as macros over bit masks, which
 * Swift does not import; these wrappers give TerminalText typed access. */

static inline FriBidiParType qari_fribidi_par_ltr(void) { return FRIBIDI_PAR_LTR; }
static inline FriBidiParType qari_fribidi_par_rtl(void) { return FRIBIDI_PAR_RTL; }
static inline FriBidiParType qari_fribidi_par_on(void) { return FRIBIDI_PAR_ON; }

static inline FriBidiFlags qari_fribidi_flag_shape_mirroring(void) { return FRIBIDI_FLAG_SHAPE_MIRRORING; }
static inline FriBidiFlags qari_fribidi_flag_shape_arab_pres(void) { return FRIBIDI_FLAG_SHAPE_ARAB_PRES; }
static inline FriBidiFlags qari_fribidi_flag_shape_arab_liga(void) { return FRIBIDI_FLAG_SHAPE_ARAB_LIGA; }

/* True for types that can raise an embedding level above 0 in a paragraph that
 * is left-to-right: strong right-to-left letters, Arabic numbers, and explicit
 * embeddings, overrides and isolates. Without any of these every level is 0. */
static inline int qari_fribidi_type_needs_resolution(FriBidiCharType t) {
    return FRIBIDI_IS_RTL(t) || t == FRIBIDI_TYPE_AN || FRIBIDI_IS_EXPLICIT(t) || FRIBIDI_IS_ISOLATE(t);
}

/* True for Arabic letters (AL), the only characters FriBidi's Arabic shaping changes. */
static inline int qari_fribidi_type_is_arabic_letter(FriBidiCharType t) { return t == FRIBIDI_TYPE_AL; }

#endif
