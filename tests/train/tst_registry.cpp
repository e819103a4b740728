// SPDX-License-Identifier: MIT
// Names in one place: every name core::registry lists is one the config parser reads back and
// the CLI accepts, and the other lists in the code base agree with it. (The GUI's combo boxes
// are filled from the same lists: tests/app/tst_registry_gui.)
#include "app/cli/train_options.h"
#include "core/imaging/dataset_loader.h"
#include "core/models/classifier.h"
#include "core/registry.h"
#include "core/saliency/saliency_options.h"
#include "core/train/config_json.h"

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
    void otherListsAgree();
};

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

QTEST_GUILESS_MAIN(TestRegistry)
#include "tst_registry.moc"
