// SPDX-License-Identifier: MIT
// Run-time language switch of the reusable widgets: installing the German translator (the .qm
// built from translations/quantlens_de.ts, embedded as :/i18n/quantlens_de.qm) sends
// QEvent::LanguageChange, after which the widgets show German texts, keep their combo ids and
// selections and emit no user-change signal; removing it brings the English texts back.
#include "widgets/bit_width_panel.h"
#include "widgets/image_drop_area.h"
#include "widgets/saliency_compare_view.h"
#include "widgets/training_plot.h"
#include "widgets/training_progress_widget.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QToolButton>
#include <QTranslator>
#include <QtTest>

using namespace ql::widgets;

namespace {
template <typename T> T *childWithText(QWidget *parent, const QString &text)
{
    for (T *child : parent->findChildren<T *>())
        if (child->text() == text)
            return child;
    return nullptr;
}
} // namespace

class TestWidgetRetranslation : public QObject {
    Q_OBJECT

private:
    QTranslator m_german;

    void switchToGerman()
    {
        // installTranslator() sends QEvent::LanguageChange to the application, which passes
        // it on to every widget.
        QVERIFY(QCoreApplication::installTranslator(&m_german));
        QCoreApplication::processEvents();
    }
    void switchToEnglish()
    {
        QVERIFY(QCoreApplication::removeTranslator(&m_german));
        QCoreApplication::processEvents();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_german.load(QStringLiteral(":/i18n/quantlens_de.qm")),
                 "the German .qm is not embedded");
        // The translator really knows the widget strings (guards against an empty .qm).
        QCOMPARE(m_german.translate("ql::widgets::BitWidthPanel", "Retrain"),
                 QStringLiteral("Nachtrainieren"));
    }

    void cleanup() { QCoreApplication::removeTranslator(&m_german); }

    void bitWidthPanel()
    {
        BitWidthPanel panel;
        panel.setDebounceInterval(0);
        panel.setLayers({{QStringLiteral("conv1"), QStringLiteral("conv 3x3"), 4, 2, 320, false},
                         {QStringLiteral("fc"), QStringLiteral("linear"), 32, 32, 1290, true}});
        panel.setGlobalBits(6, kFloatBits);
        const BitWidthSelection before = panel.selection();
        QSignalSpy bits(&panel, &BitWidthPanel::bitsChanged);
        QSignalSpy retrain(&panel, &BitWidthPanel::retrainRequested);
        auto *button = panel.findChild<QPushButton *>();
        QVERIFY(button);
        QCOMPARE(button->text(), QStringLiteral("Retrain"));
        QVERIFY(childWithText<QLabel>(&panel, QStringLiteral("6-bit")));

        switchToGerman();
        QCOMPARE(button->text(), QStringLiteral("Nachtrainieren"));
        QVERIFY(childWithText<QLabel>(&panel, QStringLiteral("6 Bit"))); // global slider value
        QVERIFY(childWithText<QLabel>(&panel, QStringLiteral("Gewichte")));
        // The per-layer combos: relabelled, same ids (bits), same selection.
        const auto combos = panel.findChildren<QComboBox *>();
        QCOMPARE(combos.size(), 4);
        QStringList current;
        for (QComboBox *combo : combos) {
            QCOMPARE(combo->count(), BitWidthPanel::bitChoices().size());
            for (int i = 0; i < combo->count(); ++i)
                QCOMPARE(combo->itemData(i).toInt(), BitWidthPanel::bitChoices()[i]);
            current << combo->currentText();
        }
        current.sort();
        // conv1: its own 4 / 2 bits; fc follows the global sliders: 6 bits / float.
        QCOMPARE(current, QStringList({QStringLiteral("2 Bit"), QStringLiteral("4 Bit"),
                                       QStringLiteral("6 Bit"), QStringLiteral("Gleitkomma")}));
        QCOMPARE(panel.selection().layers, before.layers);
        QTest::qWait(20); // a (wrongly) started debounce timer would fire now
        QCOMPARE(bits.count(), 0);
        QCOMPARE(retrain.count(), 0);

        switchToEnglish();
        QCOMPARE(button->text(), QStringLiteral("Retrain"));
        QVERIFY(childWithText<QLabel>(&panel, QStringLiteral("6-bit")));
        QTest::qWait(20);
        QCOMPARE(bits.count(), 0);
    }

    void trainingPlot()
    {
        TrainingPlot plot;
        plot.addSeries(QStringLiteral("loss A")); // a name from the app: never translated
        QSignalSpy log(&plot, &TrainingPlot::logScaleChanged);
        auto *reset = childWithText<QToolButton>(&plot, QStringLiteral("Reset view"));
        QVERIFY(reset);

        switchToGerman();
        QCOMPARE(reset->text(), QStringLiteral("Ansicht zurücksetzen"));
        QVERIFY(childWithText<QToolButton>(&plot, QStringLiteral("Log-Skala")));
        QCOMPARE(plot.seriesNames(), QStringList{QStringLiteral("loss A")});
        QCOMPARE(log.count(), 0);

        switchToEnglish();
        QCOMPARE(reset->text(), QStringLiteral("Reset view"));
    }

    void saliencyCompareView()
    {
        SaliencyCompareView view;
        SaliencyRenderOptions options;
        options.method = QStringLiteral("smoothgrad");
        options.colorMap = QStringLiteral("jet");
        view.setRenderOptions(options);
        QSignalSpy changed(&view, &SaliencyCompareView::renderOptionsChanged);
        const auto combos = view.findChildren<QComboBox *>();
        QCOMPARE(combos.size(), 2);
        QComboBox *method =
            combos[0]->findData(QStringLiteral("gradient")) >= 0 ? combos[0] : combos[1];
        QCOMPARE(method->itemText(0), QStringLiteral("Vanilla gradient"));

        switchToGerman();
        QCOMPARE(method->itemText(0), QStringLiteral("Einfacher Gradient"));
        QCOMPARE(method->itemData(0).toString(), QStringLiteral("gradient"));
        QCOMPARE(view.renderOptions().method, QStringLiteral("smoothgrad"));
        QCOMPARE(view.renderOptions().colorMap, QStringLiteral("jet"));
        QVERIFY(childWithText<QLabel>(&view, QStringLiteral("&Methode:")));
        QVERIFY(childWithText<QLabel>(
            &view, QStringLiteral("Ein Bild ablegen oder ein Testbild wählen, um die beiden "
                                  "Modelle zu vergleichen.")));
        QCOMPARE(changed.count(), 0);

        switchToEnglish();
        QCOMPARE(method->itemText(0), QStringLiteral("Vanilla gradient"));
        QCOMPARE(view.renderOptions().method, QStringLiteral("smoothgrad"));
        QCOMPARE(changed.count(), 0);
    }

    void appLabelsStayAsGiven()
    {
        // Labels handed in by the app are the app's to retranslate; re-setting them (as the
        // app does on a language change) keeps the selection and emits nothing.
        SaliencyCompareView view;
        const QStringList ids{QStringLiteral("gradient"), QStringLiteral("smoothgrad")};
        view.setMethodChoices(ids, {QStringLiteral("App label"), QStringLiteral("Smooth")});
        SaliencyRenderOptions options = view.renderOptions();
        options.method = QStringLiteral("smoothgrad");
        view.setRenderOptions(options);
        QSignalSpy changed(&view, &SaliencyCompareView::renderOptionsChanged);
        auto *method = view.findChildren<QComboBox *>().value(0);
        QVERIFY(method && method->findData(ids[0]) >= 0);
        QSignalSpy index(method, &QComboBox::currentIndexChanged);
        switchToGerman();
        QCOMPARE(method->itemText(0), QStringLiteral("App label"));
        view.setMethodChoices(ids, {QStringLiteral("App-Etikett"), QStringLiteral("Glatt")});
        QCOMPARE(method->currentText(), QStringLiteral("Glatt"));
        QCOMPARE(view.renderOptions().method, QStringLiteral("smoothgrad"));
        QCOMPARE(changed.count(), 0);
        QCOMPARE(index.count(), 0);
    }

    void progressAndDropArea()
    {
        TrainingProgressWidget progress;
        TrainingProgress p;
        p.epoch = 2;
        p.totalEpochs = 5;
        p.step = 10;
        progress.setProgress(p);
        ImageDropArea drop;
        QVERIFY(childWithText<QLabel>(&progress, QStringLiteral("Idle")));

        switchToGerman();
        QVERIFY(childWithText<QLabel>(&progress, QStringLiteral("Bereit")));
        QVERIFY(progress.summaryText().contains(QStringLiteral("Epoche 2 / 5")));
        QVERIFY(childWithText<QLabel>(
            &drop, QStringLiteral("Bilder oder Ordner hier ablegen\n(PNG, JPEG, BMP)")));

        switchToEnglish();
        QVERIFY(progress.summaryText().contains(QStringLiteral("Epoch 2 / 5")));
        QVERIFY(childWithText<QLabel>(&progress, QStringLiteral("Idle")));
    }
};

QTEST_MAIN(TestWidgetRetranslation)
#include "tst_widget_retranslation.moc"
