// SPDX-License-Identifier: MIT
#include "app/gui/study_types.h"

#include <QCoreApplication>

namespace ql::app {

QJsonObject StudyRequest::toJson() const
{
    return QJsonObject{{"bits", bits},
                       {"standard", standard},
                       {"sgt", sgt},
                       {"seeds", seeds},
                       {"floatEpochs", floatEpochs},
                       {"fineTuneEpochs", fineTuneEpochs},
                       {"fromScratch", fromScratch},
                       {"evalImages", evalImages},
                       {"folder", folder}};
}

QString StudyRequest::fromJson(const QJsonObject &json)
{
    StudyRequest r = *this;
    auto integer = [&json](const char *key, int fallback, int low, int high, int *out) {
        const QJsonValue v = json.value(QLatin1String(key));
        if (v.isUndefined()) {
            *out = fallback;
            return true;
        }
        if (!v.isDouble() || v.toDouble() != double(v.toInt()) || v.toInt() < low ||
            v.toInt() > high)
            return false;
        *out = v.toInt();
        return true;
    };
    auto boolean = [&json](const char *key, bool fallback, bool *out) {
        const QJsonValue v = json.value(QLatin1String(key));
        if (v.isUndefined()) {
            *out = fallback;
            return true;
        }
        if (!v.isBool())
            return false;
        *out = v.toBool();
        return true;
    };
    const QJsonValue bitsValue = json.value(QLatin1String("bits"));
    if (!bitsValue.isUndefined() && !bitsValue.isString())
        return QCoreApplication::translate("StudyRequest", "the study's bit-widths are not text");
    if (bitsValue.isString())
        r.bits = bitsValue.toString();
    if (!boolean("standard", r.standard, &r.standard) || !boolean("sgt", r.sgt, &r.sgt) ||
        !boolean("fromScratch", r.fromScratch, &r.fromScratch))
        return QCoreApplication::translate("StudyRequest",
                                           "a switch of the study is not true or false");
    if (!r.standard && !r.sgt)
        return QCoreApplication::translate(
            "StudyRequest", "the study trains neither standard nor saliency-guided models");
    if (!integer("seeds", r.seeds, 1, 100, &r.seeds))
        return QCoreApplication::translate("StudyRequest",
                                           "the study's number of seeds must be 1 to 100");
    if (!integer("floatEpochs", r.floatEpochs, 1, 1000, &r.floatEpochs) ||
        !integer("fineTuneEpochs", r.fineTuneEpochs, 1, 1000, &r.fineTuneEpochs))
        return QCoreApplication::translate("StudyRequest", "the study's epochs must be 1 to 1000");
    if (!integer("evalImages", r.evalImages, 1, 1000000, &r.evalImages))
        return QCoreApplication::translate(
            "StudyRequest", "the study's number of test images must be 1 to 1000000");
    const QJsonValue folderValue = json.value(QLatin1String("folder"));
    if (!folderValue.isUndefined() && !folderValue.isString())
        return QCoreApplication::translate("StudyRequest", "the study's folder is not text");
    r.folder = folderValue.toString();
    *this = r;
    return {};
}

void registerStudyMetaTypes()
{
    qRegisterMetaType<StudyRequest>();
    qRegisterMetaType<StudyView>();
    qRegisterMetaType<StudyProgress>();
}

} // namespace ql::app
