#ifndef POLFRAME_CZIP_SHIM_H
#define POLFRAME_CZIP_SHIM_H

// libzip reads DOCX and ODT packages from memory. Its API is plain functions, structs and
// integer macros, all of which Swift imports directly: this header only names the library.
// Only ZipArchive.swift uses it.
#include <zip.h>

#endif
