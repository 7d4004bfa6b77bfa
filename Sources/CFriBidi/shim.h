#ifndef QARI_CFRIBIDI_SHIM_H
#define QARI_CFRIBIDI_SHIM_H
#include <fribidi/fribidi.h>
#endif
