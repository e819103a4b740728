// SPDX-License-Identifier: MIT
#include "core/data/tar_reader.h"

#include "core/data/gzip_io.h"

#ifndef QUANTLENS_NO_LIBARCHIVE
#include <archive.h>
#include <archive_entry.h>
#endif

#include <filesystem>
#include <memory>
#include <stdexcept>

#include <unistd.h>

#ifdef QUANTLENS_NO_LIBARCHIVE
namespace ql::core {

std::vector<std::string> extractTar(const std::string &archivePath, const std::string &,
                                    const std::string &, uint64_t)
{
    throw std::runtime_error("cannot extract " + archivePath +
                             ": this core-only build has no libarchive (archive support)");
}

} // namespace ql::core
#else
namespace ql::core {

namespace {

namespace fs = std::filesystem;

struct ReadCloser {
    void operator()(archive *a) const { archive_read_free(a); }
};
struct WriteCloser {
    void operator()(archive *a) const { archive_write_free(a); }
};

/// Normalises an entry path and refuses anything that would land outside the destination.
fs::path safeRelativePath(const std::string &name, const std::string &archivePath)
{
    const fs::path p = fs::path(name).lexically_normal();
    if (p.is_absolute() || p.empty())
        throw std::runtime_error(archivePath + " contains an unsafe entry path '" + name + "'");
    for (const auto &part : p)
        if (part == "..")
            throw std::runtime_error(archivePath + " contains an unsafe entry path '" + name + "'");
    return p;
}

std::string errorText(archive *a)
{
    const char *text = archive_error_string(a);
    return text ? text : "unknown error";
}

} // namespace

std::vector<std::string> extractTar(const std::string &archivePath, const std::string &destDir,
                                    const std::string &onlyUnder, uint64_t maxBytes)
{
    uint64_t archiveSize = 0;
    const int fd = openRegularFile(archivePath, archiveSize); // a FIFO never blocks
    std::unique_ptr<archive, ReadCloser> in(archive_read_new());
    archive_read_support_filter_gzip(in.get());
    archive_read_support_format_tar(in.get()); // ustar, GNU and pax
    if (archive_read_open_fd(in.get(), fd, 1 << 16) != ARCHIVE_OK) {
        const std::string why = errorText(in.get());
        ::close(fd);
        throw std::runtime_error(archivePath + " is a corrupt or truncated archive: " + why);
    }
    // archive_read_open_fd does not own the descriptor.
    struct FdCloser {
        int fd;
        ~FdCloser() { ::close(fd); }
    } closeFd{fd};

    const fs::path dest = fs::absolute(fs::path(destDir)).lexically_normal();
    fs::create_directories(dest);
    std::unique_ptr<archive, WriteCloser> out(archive_write_disk_new());
    // No owners, permissions beyond the umask, times, ACLs or xattrs from the archive; refuse
    // '..' and writing through symlinks; replace (never follow) an existing file.
    archive_write_disk_set_options(out.get(), ARCHIVE_EXTRACT_SECURE_SYMLINKS |
                                                  ARCHIVE_EXTRACT_SECURE_NODOTDOT |
                                                  ARCHIVE_EXTRACT_UNLINK);

    std::vector<std::string> extracted;
    uint64_t total = 0, entries = 0;
    std::vector<char> buffer(size_t{1} << 20);
    archive_entry *entry = nullptr;
    while (true) {
        const int rc = archive_read_next_header(in.get(), &entry);
        if (rc == ARCHIVE_EOF)
            break;
        if (rc < ARCHIVE_WARN)
            throw std::runtime_error(archivePath +
                                     " is a corrupt or truncated archive: " + errorText(in.get()));
        if (++entries > kMaxExtractEntries)
            throw std::runtime_error(archivePath + " has more than the limit of " +
                                     std::to_string(kMaxExtractEntries) + " entries");
        const char *rawName = archive_entry_pathname(entry);
        const std::string name = rawName ? rawName : "";
        const mode_t type = archive_entry_filetype(entry);
        const bool isFile = type == AE_IFREG && archive_entry_hardlink(entry) == nullptr;
        const bool isDir = type == AE_IFDIR;
        const bool wanted = onlyUnder.empty() || name.rfind(onlyUnder, 0) == 0;
        if (!wanted || !(isFile || isDir))
            continue; // the reader skips the entry's data
        const fs::path relative = safeRelativePath(name, archivePath);
        const int64_t size = archive_entry_size(entry);
        if (isFile && (size < 0 || static_cast<uint64_t>(size) > maxBytes - total))
            throw std::runtime_error(archivePath + " holds more than the limit of " +
                                     formatBytes(maxBytes) + " of files (entry '" + name + "')");
        const fs::path target = dest / relative;
        archive_entry_set_pathname(entry, target.c_str());
        archive_entry_set_perm(entry, isDir ? 0755 : 0644);
        if (archive_write_header(out.get(), entry) < ARCHIVE_WARN)
            throw std::runtime_error("cannot extract '" + name + "' of " + archivePath + ": " +
                                     errorText(out.get()));
        if (isFile) {
            uint64_t written = 0;
            while (true) {
                const la_ssize_t n = archive_read_data(in.get(), buffer.data(), buffer.size());
                if (n == 0)
                    break;
                if (n < 0)
                    throw std::runtime_error(archivePath +
                                             " is a corrupt or truncated archive: entry '" + name +
                                             "' ends early (" + errorText(in.get()) + ")");
                written += static_cast<uint64_t>(n);
                if (written > static_cast<uint64_t>(size))
                    throw std::runtime_error(archivePath + ": entry '" + name +
                                             "' holds more data than its header says");
                if (archive_write_data(out.get(), buffer.data(), static_cast<size_t>(n)) != n)
                    throw std::runtime_error("cannot write " + target.string() + ": " +
                                             errorText(out.get()));
            }
            total += written;
        }
        if (archive_write_finish_entry(out.get()) < ARCHIVE_WARN)
            throw std::runtime_error("cannot write " + target.string() + ": " +
                                     errorText(out.get()));
        if (isFile)
            extracted.push_back(relative.generic_string());
    }
    if (archive_write_close(out.get()) < ARCHIVE_WARN)
        throw std::runtime_error("cannot finish extracting " + archivePath + ": " +
                                 errorText(out.get()));
    return extracted;
}

} // namespace ql::core
#endif // QUANTLENS_NO_LIBARCHIVE
