# SPDX-License-Identifier: MIT
# An imported-style INTERFACE target for LibTorch with its headers marked SYSTEM, so that our
# -Werror never trips on warnings inside torch. TORCH_CXX_FLAGS carries the ABI flag.
add_library(quantlens_torch INTERFACE)
target_include_directories(quantlens_torch SYSTEM INTERFACE ${TORCH_INCLUDE_DIRS})
target_link_libraries(quantlens_torch INTERFACE ${TORCH_LIBRARIES})
separate_arguments(_ql_torch_flags UNIX_COMMAND "${TORCH_CXX_FLAGS}")
target_compile_options(quantlens_torch INTERFACE ${_ql_torch_flags})

# Precompiled torch headers for every target that compiles torch code. Widgets and GUI code
# never include torch, so they never pay for it.
set(QUANTLENS_TORCH_PCH
  <torch/nn.h> <torch/optim.h> <torch/serialize.h> <ATen/ATen.h>
  <vector> <string> <memory> <functional> <stdexcept>)
function(quantlens_use_torch_pch target)
  target_precompile_headers(${target} PRIVATE ${QUANTLENS_TORCH_PCH})
endfunction()
