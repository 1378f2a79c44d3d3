# Per-target build settings and the layering rules of ../ARCHITECTURE.md.
#
# station_component(<target> LAYER <sdk|plugin|base|tenant|platform|tool|test|bench>)
#   Applies C++20, warnings and sanitizers to <target> and records its layer so that
#   station_check_layering() can refuse forbidden links at configure time.
#
# Layer rules (a target may link targets of these layers):
#   sdk      -> (nothing)
#   plugin   -> sdk
#   base     -> (nothing of ours)
#   tenant   -> base, sdk, tenant
#   platform -> base, sdk, tenant, platform
#   tool     -> anything but test and bench          (the `station` executable)
#   test     -> anything but bench
#   bench    -> anything but test

function(station_component target)
  cmake_parse_arguments(ARG "" "LAYER" "" ${ARGN})
  if(NOT ARG_LAYER)
    message(FATAL_ERROR "station_component(${target}) needs LAYER")
  endif()
  set_property(TARGET ${target} PROPERTY STATION_LAYER ${ARG_LAYER})
  set_property(GLOBAL APPEND PROPERTY STATION_TARGETS ${target})

  get_target_property(type ${target} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    return()
  endif()
  target_compile_features(${target} PRIVATE cxx_std_20)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
      -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough
      -Wno-missing-field-initializers>
    $<$<COMPILE_LANGUAGE:C>:-Wall -Wextra -Wpedantic>)
  if(STATION_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(STATION_SANITIZERS)
    target_compile_options(${target} PRIVATE -fsanitize=${STATION_SANITIZERS} -fno-omit-frame-pointer
                                             -fno-sanitize-recover=all)
    target_link_options(${target} PRIVATE -fsanitize=${STATION_SANITIZERS})
  endif()
endfunction()

function(_station_allowed_layers layer out)
  if(layer STREQUAL "sdk")
    set(allowed "")
  elseif(layer STREQUAL "plugin")
    set(allowed sdk)
  elseif(layer STREQUAL "base")
    set(allowed base)
  elseif(layer STREQUAL "tenant")
    set(allowed base sdk tenant)
  elseif(layer STREQUAL "platform")
    set(allowed base sdk tenant platform)
  elseif(layer STREQUAL "tool")
    set(allowed base sdk tenant platform plugin tool)
  elseif(layer STREQUAL "test")
    set(allowed base sdk tenant platform plugin tool test)
  elseif(layer STREQUAL "bench")
    set(allowed base sdk tenant platform plugin tool bench)
  else()
    message(FATAL_ERROR "unknown Station layer '${layer}'")
  endif()
  set(${out} ${allowed} PARENT_SCOPE)
endfunction()

# Fails the configure step when any Station target links a target of a forbidden layer.
function(station_check_layering)
  get_property(targets GLOBAL PROPERTY STATION_TARGETS)
  foreach(target IN LISTS targets)
    get_target_property(layer ${target} STATION_LAYER)
    _station_allowed_layers(${layer} allowed)
    get_target_property(links ${target} LINK_LIBRARIES)
    get_target_property(iface_links ${target} INTERFACE_LINK_LIBRARIES)
    foreach(dep IN LISTS links iface_links)
      if(dep AND TARGET ${dep})
        get_target_property(dep_layer ${dep} STATION_LAYER)
        if(dep_layer AND NOT dep_layer IN_LIST allowed)
          message(FATAL_ERROR "layering violation: ${target} (${layer}) links ${dep} (${dep_layer})")
        endif()
      endif()
    endforeach()
  endforeach()
endfunction()
