// SPDX-License-Identifier: MIT
// The GUI offers exactly core::registry's names (the lists the CLI and the parser accept).
#include "app/gui/data_model_panel.h"
#include "app/gui/saliency_panel.h"
#include "core/registry.h"

#include <QComboBox>
#include <QTest>

#include <algorithm>

using namespace ql;

class TestRegistryGui : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void combosOfferTheRegistry();
};

namespace {

QStringList toQt(const std::vector<std::string> &names)
{
    QStringList out;
    for (const auto &n : names)
        out << QString::fromStdString(n);
    return out;
}

bool someComboOffers(const QWidget &w, const QStringList &ids)
{
    const auto combos = w.findChildren<QComboBox *>();
    return std::any_of(combos.begin(), combos.end(), [&](const QComboBox *c) {
        QStringList data;
        for (int i = 0; i < c->count(); ++i)
            data << c->itemData(i).toString();
        return data == ids;
    });
}

} // namespace

void TestRegistryGui::combosOfferTheRegistry()
{
    app::DataModelPanel data;
    // The built-in data sets, then the user's own image folders (folder:<path>).
    QVERIFY(someComboOffers(data, toQt(core::registry::datasets()) << QStringLiteral("folder")));
    QVERIFY(someComboOffers(data, toQt(core::registry::models())));
    QVERIFY(someComboOffers(data, toQt(core::registry::optimizers())));
    QVERIFY(someComboOffers(data, toQt(core::registry::schedules())));
    // The defaults are the best measured recipe (core::useRecommendedRecipe).
    core::TrainingConfig recipe;
    core::useRecommendedRecipe(recipe);
    const core::TrainingConfig base = data.baseConfig();
    QCOMPARE(base.optimizer.name, recipe.optimizer.name);
    QCOMPARE(base.optimizer.learningRate, recipe.optimizer.learningRate);
    QCOMPARE(base.schedule.name, recipe.schedule.name);
    app::SaliencyPanel saliency;
    QCOMPARE(app::saliencyMethodIds(), toQt(core::registry::saliencyMethods()));
    QVERIFY(someComboOffers(saliency, toQt(core::registry::saliencyMethods())));
}

QTEST_MAIN(TestRegistryGui)
#include "tst_registry_gui.moc"
