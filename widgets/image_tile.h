// SPDX-License-Identifier: MIT
#pragma once

#include <QImage>
#include <QString>
#include <QWidget>

namespace ql::widgets {

/// Shows one image scaled to fit with nearest-neighbour sampling (a 28x28 input stays crisp
/// pixels, never a blur), a caption above it and a placeholder text when empty.
class ImageTile : public QWidget {
    Q_OBJECT
public:
    explicit ImageTile(const QString &caption = QString(), QWidget *parent = nullptr);

    void setImage(const QImage &image);
    QImage image() const { return m_image; }
    void setCaption(const QString &caption);
    QString caption() const { return m_caption; }
    void setPlaceholderText(const QString &text);
    /// Target rectangle of the image inside the widget (integer zoom when it fits); for tests.
    QRect imageRect() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    /// Retranslates the default placeholder on QEvent::LanguageChange (the caption is the
    /// caller's text and stays as given).
    void changeEvent(QEvent *event) override;

private:
    QRect contentRect() const;

    QImage m_image;
    QString m_caption;
    QString m_placeholder;
    bool m_customPlaceholder = false; ///< set by setPlaceholderText(): kept on language change
};

} // namespace ql::widgets
