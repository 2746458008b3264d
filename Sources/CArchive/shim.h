// libarchive (and zlib), as seen from Swift.
//
// The AE_IF* file-type constants are cast macros that Swift cannot import,
// so they are re-exported here as plain constants.
//
// zlib is used directly for gzip: libarchive 3.6's gzip filter neither checks
// the CRC-32/ISIZE trailer (a damaged stream reads "successfully" and short)
// nor hands out the data decompressed just before a truncation point.
#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>

static const unsigned int CArchive_AE_IFREG = AE_IFREG;
static const unsigned int CArchive_AE_IFDIR = AE_IFDIR;
static const unsigned int CArchive_AE_IFLNK = AE_IFLNK;
static const unsigned int CArchive_AE_IFMT = AE_IFMT;

/// libarchive's format family codes (function-like or composite macros in archive.h).
static const int CArchive_FORMAT_BASE_MASK = ARCHIVE_FORMAT_BASE_MASK;
static const int CArchive_FORMAT_TAR = ARCHIVE_FORMAT_TAR;
static const int CArchive_FORMAT_TAR_USTAR = ARCHIVE_FORMAT_TAR_USTAR;
static const int CArchive_FORMAT_TAR_PAX_INTERCHANGE = ARCHIVE_FORMAT_TAR_PAX_INTERCHANGE;
static const int CArchive_FORMAT_TAR_PAX_RESTRICTED = ARCHIVE_FORMAT_TAR_PAX_RESTRICTED;
static const int CArchive_FORMAT_TAR_GNUTAR = ARCHIVE_FORMAT_TAR_GNUTAR;
static const int CArchive_FORMAT_ZIP = ARCHIVE_FORMAT_ZIP;
static const int CArchive_FORMAT_RAW = ARCHIVE_FORMAT_RAW;
static const int CArchive_FORMAT_EMPTY = ARCHIVE_FORMAT_EMPTY;

/// zlib's initialisers are macros over versioned functions; these wrap them.
static inline int CArchive_inflateInit2(z_streamp stream, int windowBits) {
  return inflateInit2(stream, windowBits);
}
