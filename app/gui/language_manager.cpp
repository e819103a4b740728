// SPDX-License-Identifier: MIT
#include "app/gui/language_manager.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFile>
#include <QGuiApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>
#include <QWidget>

namespace ql::app {

LanguageManager::LanguageManager(QObject *parent)
    : QObject(parent), m_app(new QTranslator(this)), m_qt(new QTranslator(this))
{
}

LanguageManager *LanguageManager::global()
{
    static LanguageManager *manager = new LanguageManager(QCoreApplication::instance());
    return manager;
}

QStringList LanguageManager::languages()
{
    return {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("fa")};
}

QString LanguageManager::nativeName(const QString &code)
{
    if (code == QLatin1String("de"))
        return QStringLiteral("Deutsch");
    if (code == QLatin1String("fa"))
        return QStringLiteral("فارسی");
    return QStringLiteral("English");
}

bool LanguageManager::setLanguage(const QString &code)
{
    if (!languages().contains(code))
        return false;
    if (code != QLatin1String("en") &&
        !QFile::exists(QStringLiteral(":/i18n/quantlens_%1.qm").arg(code)))
        return false;
    // Locale and direction first: installing a translator sends LanguageChange at once, and
    // the widgets re-render their numbers ("1.179.776" in German, Persian digits) then.
    const QLocale locale(code);
    QLocale::setDefault(locale);
    QGuiApplication::setLayoutDirection(code == QLatin1String("fa") ? Qt::RightToLeft
                                                                    : Qt::LeftToRight);
    // Widgets that exist keep the locale they were created with (spin boxes format with it):
    // give every window the new one; children without their own follow their window.
    if (qobject_cast<QApplication *>(QCoreApplication::instance()))
        for (QWidget *window : QApplication::topLevelWidgets())
            window->setLocale(locale);
    QCoreApplication::removeTranslator(m_app);
    QCoreApplication::removeTranslator(m_qt);
    if (code != QLatin1String("en")) {
        if (!m_app->load(QStringLiteral(":/i18n/quantlens_%1.qm").arg(code)))
            return false;
        // Qt's own strings (dialog buttons); absent translations are not an error.
        if (m_qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                       QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(m_qt);
        QCoreApplication::installTranslator(m_app);
    } else {
        // No translator: send the change event ourselves so widgets show English again.
        QEvent event(QEvent::LanguageChange);
        QCoreApplication::sendEvent(QCoreApplication::instance(), &event);
    }
    m_current = code;
    Q_EMIT languageChanged(code);
    return true;
}

} // namespace ql::app
