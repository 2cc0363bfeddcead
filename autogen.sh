#!/bin/sh
# Regenerates the build system from configure.ac and Makefile.am.
mkdir -p m4 && exec autoreconf --install --force
