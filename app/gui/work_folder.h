// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

#include <memory>

class QLockFile;

namespace ql::app {

/// The per-process folder where the GUI's runs keep their checkpoints until the user saves a
/// session: <root>/quantlens-<pid>, held by a lock file (QLockFile: pid, host, application).
/// It is removed when this object goes; a folder left by a process that was killed is found
/// by removeStale() at the next start.
class WorkFolder {
public:
    explicit WorkFolder(const QString &root);
    ~WorkFolder();
    WorkFolder(const WorkFolder &) = delete;
    WorkFolder &operator=(const WorkFolder &) = delete;

    bool isValid() const { return !m_path.isEmpty(); }
    QString path() const { return m_path; }

    /// Removes every <root>/quantlens-<digits> folder whose owner is gone: its lock is stale
    /// (the process died), or, for folders without a lock file, no process has that pid.
    /// Folders of running QuantLens processes are left alone. Returns the removed paths.
    static QStringList removeStale(const QString &root);

private:
    QString m_path;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace ql::app
