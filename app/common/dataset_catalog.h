// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>

namespace ql::app {

/// One file of a data set as published, with the MD5 that proves it intact.
struct RemoteFile {
    QString name;           ///< file name on the server and on disk
    QByteArray md5;         ///< lower-case hex
    bool md5OfUncompressed; ///< true: MD5 of the gunzipped bytes (robust to re-compression)
};

/// Where a data set comes from.
struct DatasetSource {
    QString name;        ///< "mnist", "fashion-mnist", "cifar10"
    QStringList mirrors; ///< base URLs tried in order
    QVector<RemoteFile> files;
    bool extractArchives = false; ///< the files are .tar.gz archives to unpack in place
};

/// The built-in sources; throws std::invalid_argument for an unknown name.
DatasetSource datasetSource(const QString &name);

/// Names of the downloadable data sets.
QStringList downloadableDatasets();

/// Checks `path` against `file`'s MD5; returns an empty string when it matches, otherwise a
/// message saying what is wrong (mismatch with both sums, corrupt gzip, unreadable file).
QString checksumProblem(const QString &path, const RemoteFile &file);

} // namespace ql::app
