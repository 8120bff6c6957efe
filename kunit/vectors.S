/* SPDX-License-Identifier: GPL-2.0 */
/* The vectors kunit/gen-vectors wrote into kunit/gen/. */
#include "gen/vectors.S"
