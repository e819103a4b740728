// SPDX-License-Identifier: MIT
// Names in one place: every name core::registry lists is one the config parser reads back, the
// CLI accepts and the GUI offers, and the other lists in the code base agree with it.
#include "app/cli/train_options.h"
#include "app/gui/data_model_panel.h"
#include "app/gui/saliency_panel.h"
#include "core/imaging/dataset_loader.h"
#include "core/models/classifier.h"
#include "core/registry.h"
#include "core/saliency/saliency_options.h"
#include "core/train/config_json.h"

#include <QComboBox>
#include <QCommandLineParser>
#include <QTest>

#include <algorithm>
#include <nlohmann/json.hpp>

using namespace ql;
namespace registry = ql::core::registry;

class TestRegistry : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void configParserReadsEveryName();
    void cliAcceptsEveryName();
    void guiOffersEveryName();
    void otherListsAgree();
};

namespace {

QStringList toQt(const std::vector<std::string> &names)
{
    QStringList out;
    for (const auto &n : names)
        out << QString::fromStdString(n);
    return out;
}

QStringList comboIds(const QComboBox *combo)
{
    QStringList ids;
    for (int i = 0; i < combo->count(); ++i)
        ids << combo->itemData(i).toString();
    return ids;
}

bool someComboOffers(const QWidget &w, const QStringList &ids)
{
    const auto combos = w.findChildren<QComboBox *>();
    return std::any_of(combos.begin(), combos.end(),
                       [&](const QComboBox *c) { return comboIds(c) == ids; });
}

} // namespace

void TestRegistry::configParserReadsEveryName()
{
    for (const auto &name : registry::optimizers()) {
        core::TrainingConfig c;
        c.optimizer.name = name;
        core::validateTrainingConfig(c);
        QCOMPARE(core::trainingConfigFromJson(core::toJson(c)).optimizer.name, name);
    }
    for (const auto &name : registry::schedules()) {
        core::TrainingConfig c;
        c.schedule.name = name;
        core::validateTrainingConfig(c);
        QCOMPARE(core::trainingConfigFromJson(core::toJson(c)).schedule.name, name);
    }
    core::TrainingConfig bad;
    bad.optimizer.name = "lion";
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, core::validateTrainingConfig(bad));
    for (const auto &name : registry::saliencyMethods())
        QCOMPARE(core::toString(core::saliencyMethodFromString(name)), name);
    // The old widget spelling still reads (sessions saved before), as the canonical method.
    QCOMPARE(core::toString(core::saliencyMethodFromString("vanilla")), std::string("gradient"));
    for (const auto &bits : registry::bitWidths()) {
        const int b = bits == "float" ? core::kFloatBits : std::stoi(bits);
        QVERIFY(core::isValidBitWidth(b));
    }
}

void TestRegistry::cliAcceptsEveryName()
{
    auto parse = [](const QStringList &args) {
        QCommandLineParser p;
        app::addTrainingOptions(p, true);
        if (!p.parse(QStringList{QStringLiteral("quantlens-cli train")} + args))
            return false;
        try {
            app::applyTrainingOptions(p, core::TrainingConfig());
            return true;
        } catch (const std::invalid_argument &) {
            return false;
        }
    };
    for (const auto &name : registry::optimizers())
        QVERIFY2(parse({"--optimizer", QString::fromStdString(name)}), name.c_str());
    for (const auto &name : registry::schedules())
        QVERIFY2(parse({"--schedule", QString::fromStdString(name)}), name.c_str());
    for (const auto &bits : registry::bitWidths())
        QVERIFY2(parse({"--wbits", QString::fromStdString(bits), "--abits",
                        QString::fromStdString(bits)}),
                 bits.c_str());
    QVERIFY(!parse({"--optimizer", "lion"}));
    QVERIFY(!parse({"--schedule", "warmup"}));
    // The help text lists them from the registry.
    QCommandLineParser p;
    app::addTrainingOptions(p, true);
    const QString help = p.helpText();
    for (const auto &list :
         {registry::optimizers(), registry::schedules(), registry::models(), registry::datasets()})
        for (const auto &name : list)
            QVERIFY2(help.contains(QString::fromStdString(name)), name.c_str());
}

void TestRegistry::guiOffersEveryName()
{
    app::DataModelPanel data;
    QVERIFY(someComboOffers(data, toQt(registry::datasets())));
    QVERIFY(someComboOffers(data, toQt(registry::models())));
    QVERIFY(someComboOffers(data, toQt(registry::optimizers())));
    app::SaliencyPanel saliency;
    QCOMPARE(app::saliencyMethodIds(), toQt(registry::saliencyMethods()));
    QVERIFY(someComboOffers(saliency, toQt(registry::saliencyMethods())));
}

void TestRegistry::otherListsAgree()
{
    std::vector<std::string> models = core::classifierNames();
    std::vector<std::string> listed = registry::models();
    std::sort(models.begin(), models.end());
    std::sort(listed.begin(), listed.end());
    QCOMPARE(listed, models);
    QCOMPARE(core::saliencyMethodNames(), registry::saliencyMethods());
    QCOMPARE(imaging::knownDatasets(), registry::datasets());
    QCOMPARE(registry::joined({"a", "b", "c"}), std::string("a, b or c"));
}

QTEST_MAIN(TestRegistry)
#include "tst_registry.moc"
