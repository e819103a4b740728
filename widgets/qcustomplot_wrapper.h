// SPDX-License-Identifier: MIT
// The one place that includes Debian's qcustomplot.h. It uses the lower-case Qt keywords
// `signals:` and `foreach`, which QT_NO_KEYWORDS disables project-wide; map them here.
// QT_NO_FOREACH also removes Q_FOREACH, so `foreach (T *x, list)` becomes a range-for over a
// const view (the two uses in the header only read the list).
#pragma once

#include <QtGlobal>

#include <utility>

#ifndef signals
#define signals Q_SIGNALS
#define QL_UNDEF_SIGNALS
#endif
#ifndef foreach
#define foreach(variable, container) for (variable : std::as_const(container))
#define QL_UNDEF_FOREACH
#endif

#include <qcustomplot.h>

#ifdef QL_UNDEF_SIGNALS
#undef signals
#undef QL_UNDEF_SIGNALS
#endif
#ifdef QL_UNDEF_FOREACH
#undef foreach
#undef QL_UNDEF_FOREACH
#endif
