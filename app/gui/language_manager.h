// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QStringList>

class QTranslator;

namespace ql::app {

/// Switches the UI language at run time: installs the embedded QuantLens translation and
/// Qt's own, and sets right-to-left layout for Persian. Widgets retranslate themselves on
/// the QEvent::LanguageChange that installTranslator sends.
class LanguageManager : public QObject {
    Q_OBJECT
public:
    explicit LanguageManager(QObject *parent = nullptr);
    /// The application's manager (one set of installed translators per process). Set the
    /// language before building widgets so their constructors already see it.
    static LanguageManager *global();

    /// "en", "de", "fa".
    static QStringList languages();
    /// The language's own name ("Deutsch", "فارسی").
    static QString nativeName(const QString &code);
    QString current() const { return m_current; }
    /// Returns false for an unknown code or a missing translation (the language stays).
    bool setLanguage(const QString &code);

Q_SIGNALS:
    void languageChanged(const QString &code);

private:
    QTranslator *m_app = nullptr;
    QTranslator *m_qt = nullptr;
    QString m_current = QStringLiteral("en");
};

} // namespace ql::app
