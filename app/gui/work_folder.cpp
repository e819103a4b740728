// SPDX-License-Identifier: MIT
#include "app/gui/work_folder.h"

#include <QCoreApplication>
#include <QDir>
#include <QLockFile>
#include <QRegularExpression>

#include <cerrno>
#include <csignal>

namespace ql::app {

namespace {
const char kLockName[] = ".quantlens.lock";

QString lockPath(const QString &folder)
{
    return QDir(folder).filePath(QString::fromLatin1(kLockName));
}
} // namespace

WorkFolder::WorkFolder(const QString &root)
{
    const QString path =
        QDir(root).filePath(QStringLiteral("quantlens-%1").arg(QCoreApplication::applicationPid()));
    // A folder of this pid is left over from a dead process that had the same pid.
    QDir(path).removeRecursively();
    if (!QDir().mkpath(path))
        return;
    auto lock = std::make_unique<QLockFile>(lockPath(path));
    lock->setStaleLockTime(0); // stale only when its process is gone, never by age
    if (!lock->tryLock(0))
        return;
    m_lock = std::move(lock);
    m_path = path;
}

WorkFolder::~WorkFolder()
{
    if (m_path.isEmpty())
        return;
    m_lock->unlock();
    QDir(m_path).removeRecursively();
}

QStringList WorkFolder::removeStale(const QString &root)
{
    QStringList removed;
    static const QRegularExpression name(QStringLiteral("^quantlens-(\\d+)$"));
    const QDir dir(root);
    for (const QString &entry : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden)) {
        const auto match = name.match(entry);
        if (!match.hasMatch())
            continue;
        const QString folder = dir.filePath(entry);
        const qint64 pid = match.captured(1).toLongLong();
        if (pid == QCoreApplication::applicationPid())
            continue;
        bool stale = false;
        if (QFileInfo::exists(lockPath(folder))) {
            // QLockFile takes over a lock whose process is gone (same host and application).
            QLockFile lock(lockPath(folder));
            lock.setStaleLockTime(0);
            if (lock.tryLock(0)) {
                stale = true;
                lock.unlock();
            }
        } else {
            // An older QuantLens (no lock file): the folder is stale when its pid is unused.
            stale = pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
        }
        if (stale && QDir(folder).removeRecursively())
            removed << folder;
    }
    return removed;
}

} // namespace ql::app
