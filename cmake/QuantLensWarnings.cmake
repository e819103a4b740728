# SPDX-License-Identifier: MIT
# One INTERFACE target carries the project's warning flags; third-party headers are SYSTEM.
add_library(quantlens_warnings INTERFACE)
# C++ only: CUDA sources (-DQUANTLENS_CUDA_KERNELS=ON) get nvcc's own flags.
target_compile_options(quantlens_warnings INTERFACE
  $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor
  -Wno-unused-parameter>)
if(QUANTLENS_WERROR)
  target_compile_options(quantlens_warnings INTERFACE $<$<COMPILE_LANGUAGE:CXX>:-Werror>)
endif()
# Qt's lower-case keywords clash with torch headers (slots, signals, emit).
add_library(quantlens_qt_options INTERFACE)
target_compile_definitions(quantlens_qt_options INTERFACE
  QT_NO_KEYWORDS QT_NO_SIGNALS_SLOTS_KEYWORDS QT_NO_EMIT QT_NO_FOREACH)
