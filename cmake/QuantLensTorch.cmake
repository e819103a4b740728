# SPDX-License-Identifier: MIT
# An imported-style INTERFACE target for LibTorch with its headers marked SYSTEM, so that our
# -Werror never trips on warnings inside torch. TORCH_CXX_FLAGS carries the ABI flag.
add_library(quantlens_torch INTERFACE)
target_include_directories(quantlens_torch SYSTEM INTERFACE ${TORCH_INCLUDE_DIRS})
target_link_libraries(quantlens_torch INTERFACE ${TORCH_LIBRARIES})
separate_arguments(_ql_torch_flags UNIX_COMMAND "${TORCH_CXX_FLAGS}")
target_compile_options(quantlens_torch INTERFACE ${_ql_torch_flags})

# ONE precompiled torch header, built once by quantlens_torch_pch and reused by every target that
# compiles torch code (it used to be built per target: about 85 s of CPU each, 15 times per
# build). The owner carries only the flags every torch target shares (LibTorch's definitions and
# ABI flag, the build type's flags, -fPIC: Qt's targets need it, and GCC and clang refuse a PCH
# built with another -fPIC/-fPIE setting, so every consumer compiles with -fPIC). Consumers may
# add definitions that torch's headers never mention (Qt's, QT_TESTCASE_*, QUANTLENS_*): GCC and clang accept the PCH then, and a
# consumer whose flags do conflict fails loudly (-Winvalid-pch under -Werror) rather than
# silently recompiling the headers. Widgets and GUI code never include torch and never pay for it.
set(QUANTLENS_TORCH_PCH
  <torch/nn.h> <torch/optim.h> <torch/serialize.h> <ATen/ATen.h>
  <vector> <string> <memory> <functional> <stdexcept>)
add_library(quantlens_torch_pch OBJECT ${CMAKE_CURRENT_LIST_DIR}/torch_pch.cpp)
# The warning flags too: -Wpedantic changes a predefined macro (__cpp_runtime_arrays).
target_link_libraries(quantlens_torch_pch PRIVATE quantlens_torch quantlens_warnings)
target_compile_options(quantlens_torch_pch PRIVATE $<$<COMPILE_LANGUAGE:CXX>:-fPIC>)
target_precompile_headers(quantlens_torch_pch PRIVATE ${QUANTLENS_TORCH_PCH})
set_target_properties(quantlens_torch_pch PROPERTIES AUTOMOC OFF AUTOUIC OFF AUTORCC OFF)
function(quantlens_use_torch_pch target)
  target_precompile_headers(${target} REUSE_FROM quantlens_torch_pch)
  target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:-fPIC>)
  target_link_libraries(${target} PRIVATE quantlens_warnings)
endfunction()
