// SPDX-License-Identifier: MIT
#pragma once

#include <QFrame>
#include <QStringList>

class QLabel;

namespace ql::widgets {

class ImageDropFilter;

/// A framed "drop images here" target built on ImageDropFilter; highlights while a drag hovers
/// and shows the last rejection message.
class ImageDropArea : public QFrame {
    Q_OBJECT
public:
    explicit ImageDropArea(QWidget *parent = nullptr);

    ImageDropFilter *dropFilter() const { return m_filter; }
    QString messageText() const;
    QSize sizeHint() const override;

Q_SIGNALS:
    void imagesDropped(const QStringList &paths);
    void dropRejected(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    /// The hint text (depends on whether a dropped folder is being scanned); at construction
    /// and on QEvent::LanguageChange.
    void retranslateUi();
    void setHighlighted(bool on);

    ImageDropFilter *m_filter = nullptr;
    QLabel *m_hint = nullptr;
    QLabel *m_message = nullptr;
    bool m_scanning = false;
};

} // namespace ql::widgets
