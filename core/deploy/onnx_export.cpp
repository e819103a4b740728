// SPDX-License-Identifier: MIT
#include "core/deploy/onnx_export.h"

#ifdef QUANTLENS_HAVE_ONNX
#include "core/quant/pact_activation.h"
#include "core/quant/quant_layers.h"
#include "core/quant/weight_quantizer.h"

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#endif

#include <stdexcept>

namespace ql::core::deploy {

#ifndef QUANTLENS_HAVE_ONNX

bool onnxExportAvailable()
{
    return false;
}

void exportOnnx(ClassifierImpl &, const std::string &path)
{
    throw std::runtime_error("cannot write '" + path +
                             "': this build has no ONNX support (install libonnx-dev and "
                             "reconfigure)");
}

void checkOnnxFile(const std::string &path)
{
    throw std::runtime_error("cannot check '" + path + "': this build has no ONNX support");
}

#else

namespace {

constexpr int kOpset = 13;

class Graph {
public:
    explicit Graph(onnx::GraphProto *graph) : m_graph(graph) {}

    /// Adds a node; returns its (single) output name.
    std::string node(const std::string &op, const std::vector<std::string> &inputs,
                     const std::string &output = {})
    {
        onnx::NodeProto *n = m_graph->add_node();
        n->set_op_type(op);
        n->set_name(op + "_" + std::to_string(m_count));
        for (const auto &in : inputs)
            n->add_input(in);
        const std::string out =
            output.empty() ? op + "_" + std::to_string(m_count) + "_out" : output;
        n->add_output(out);
        ++m_count;
        m_last = n;
        return out;
    }
    void attrInts(const std::string &name, const std::vector<int64_t> &values)
    {
        onnx::AttributeProto *a = m_last->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INTS);
        for (int64_t v : values)
            a->add_ints(v);
    }
    void attrInt(const std::string &name, int64_t value)
    {
        onnx::AttributeProto *a = m_last->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INT);
        a->set_i(value);
    }
    void attrFloat(const std::string &name, float value)
    {
        onnx::AttributeProto *a = m_last->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::FLOAT);
        a->set_f(value);
    }

    std::string floats(const std::string &name, const torch::Tensor &value)
    {
        const torch::Tensor t = value.detach().to(torch::kCPU).to(torch::kFloat).contiguous();
        onnx::TensorProto *p = m_graph->add_initializer();
        p->set_name(name);
        p->set_data_type(onnx::TensorProto::FLOAT);
        for (int64_t d : t.sizes())
            p->add_dims(d);
        p->set_raw_data(std::string(reinterpret_cast<const char *>(t.data_ptr<float>()),
                                    static_cast<size_t>(t.numel()) * sizeof(float)));
        return name;
    }
    std::string scalar(const std::string &name, float value)
    {
        return floats(name, torch::full({}, value));
    }
    std::string ints(const std::string &name, int dataType, const std::vector<int64_t> &dims,
                     const std::vector<int64_t> &values)
    {
        onnx::TensorProto *p = m_graph->add_initializer();
        p->set_name(name);
        p->set_data_type(dataType);
        for (int64_t d : dims)
            p->add_dims(d);
        // raw_data, little-endian, element size of the type: int8 weights take one byte each
        // (int32_data would spend a varint per value).
        std::string raw;
        const size_t size = dataType == onnx::TensorProto::INT64   ? 8
                            : dataType == onnx::TensorProto::INT32 ? 4
                                                                   : 1;
        raw.reserve(values.size() * size);
        for (int64_t v : values) {
            const auto u = static_cast<uint64_t>(v);
            for (size_t b = 0; b < size; ++b)
                raw.push_back(static_cast<char>((u >> (8 * b)) & 0xff));
        }
        p->set_raw_data(raw);
        return name;
    }

private:
    onnx::GraphProto *m_graph;
    onnx::NodeProto *m_last = nullptr;
    int m_count = 0;
};

class OnnxBuilder {
public:
    OnnxBuilder(ClassifierImpl &model, onnx::GraphProto *graph) : m_g(graph)
    {
        for (const auto &item : model.named_modules()) {
            if (auto layer = std::dynamic_pointer_cast<QuantLayerBase>(item.value()))
                m_layers[item.key()] = layer;
            if (auto pact = std::dynamic_pointer_cast<PactActivationImpl>(item.value()))
                m_pacts[item.key()] = pact;
        }
        for (const auto &item : model.named_parameters())
            m_tensors[item.key()] = item.value().detach();
        for (const auto &item : model.named_buffers())
            m_tensors[item.key()] = item.value().detach();
    }

    /// The layer's weight as the graph uses it: DequantizeLinear of its integer grid, or float.
    std::string weight(const std::string &layer)
    {
        const auto &q = m_layers.at(layer);
        const torch::Tensor w = q->weightParameter();
        const int bits = q->weightBits();
        if (bits == kFloatBits) {
            m_bits[layer] = {{"weight", "float"}};
            return m_g.floats(layer + ".weight", w);
        }
        const DoReFaLevels levels = doReFaLevels(w, bits);
        const int64_t l = (int64_t{1} << bits) - 1;
        const torch::Tensor grid = levels.levels.to(torch::kLong).mul(2).sub(l).flatten();
        const std::vector<int64_t> values(grid.data_ptr<int64_t>(),
                                          grid.data_ptr<int64_t>() + grid.numel());
        const bool int8 = bits <= 7;
        const std::string stored =
            m_g.ints(layer + ".weight_q", int8 ? onnx::TensorProto::INT8 : onnx::TensorProto::INT32,
                     w.sizes().vec(), values);
        const std::string scale =
            m_g.scalar(layer + ".weight_scale", static_cast<float>(levels.scale / l));
        m_bits[layer] = {{"weight_bits", bits},
                         {"stored_as", int8 ? "int8" : "int32"},
                         {"grid", "q = 2i - " + std::to_string(l) + ", i = 0.." +
                                      std::to_string(l) + " (odd integers in [-" +
                                      std::to_string(l) + ", " + std::to_string(l) + "])"},
                         {"dorefa_scale", levels.scale}};
        std::vector<std::string> inputs{stored, scale};
        if (int8)
            inputs.push_back(
                m_g.ints(layer + ".weight_zero_point", onnx::TensorProto::INT8, {}, {0}));
        return m_g.node("DequantizeLinear", inputs, layer + ".weight_dq");
    }

    std::string tensor(const std::string &name) { return m_g.floats(name, m_tensors.at(name)); }

    std::string conv(const std::string &x, const std::string &layer, int64_t stride, int64_t pad,
                     bool bias)
    {
        std::vector<std::string> inputs{x, weight(layer)};
        if (bias)
            inputs.push_back(tensor(layer + ".bias"));
        const std::string out = m_g.node("Conv", inputs);
        m_g.attrInts("kernel_shape", {3, 3});
        m_g.attrInts("strides", {stride, stride});
        m_g.attrInts("pads", {pad, pad, pad, pad});
        return out;
    }
    std::string gemm(const std::string &x, const std::string &layer, const std::string &output = {})
    {
        const std::string out =
            m_g.node("Gemm", {x, weight(layer), tensor(layer + ".bias")}, output);
        m_g.attrInt("transB", 1);
        return out;
    }
    std::string bn(const std::string &x, const std::string &name)
    {
        const std::string out = m_g.node(
            "BatchNormalization", {x, tensor(name + ".weight"), tensor(name + ".bias"),
                                   tensor(name + ".running_mean"), tensor(name + ".running_var")});
        m_g.attrFloat("epsilon", 1e-5f);
        return out;
    }
    std::string act(const std::string &x, const std::string &pactName)
    {
        const auto &pact = m_pacts.at(pactName);
        if (pact->bits() == kFloatBits) {
            m_acts[pactName] = "relu";
            return m_g.node("Relu", {x});
        }
        const float alpha = pact->alphaValue();
        const int64_t l = (int64_t{1} << pact->bits()) - 1;
        const std::string clipped = m_g.node("Clip", {x, m_g.scalar(pactName + ".min", 0.0f),
                                                      m_g.scalar(pactName + ".alpha", alpha)});
        const std::string scale =
            m_g.scalar(pactName + ".scale", static_cast<float>(static_cast<double>(alpha) / l));
        const std::string zero =
            m_g.ints(pactName + ".zero_point", onnx::TensorProto::UINT8, {}, {0});
        const std::string q = m_g.node("QuantizeLinear", {clipped, scale, zero});
        m_acts[pactName] = {{"bits", pact->bits()}, {"alpha", alpha}, {"levels", l + 1}};
        return m_g.node("DequantizeLinear", {q, scale, zero});
    }
    Graph &g() { return m_g; }
    nlohmann::json bitsJson() const { return m_bits; }
    nlohmann::json actsJson() const { return m_acts; }

private:
    Graph m_g;
    std::map<std::string, std::shared_ptr<QuantLayerBase>> m_layers;
    std::map<std::string, std::shared_ptr<PactActivationImpl>> m_pacts;
    std::map<std::string, torch::Tensor> m_tensors;
    nlohmann::json m_bits = nlohmann::json::object();
    nlohmann::json m_acts = nlohmann::json::object();
};

void valueInfo(onnx::ValueInfoProto *v, const std::string &name, const std::vector<int64_t> &dims)
{
    v->set_name(name);
    auto *type = v->mutable_type()->mutable_tensor_type();
    type->set_elem_type(onnx::TensorProto::FLOAT);
    auto *shape = type->mutable_shape();
    shape->add_dim()->set_dim_param("N");
    for (int64_t d : dims)
        shape->add_dim()->set_dim_value(d);
}

void addMeta(onnx::ModelProto &model, const std::string &key, const std::string &value)
{
    auto *p = model.add_metadata_props();
    p->set_key(key);
    p->set_value(value);
}

} // namespace

bool onnxExportAvailable()
{
    return true;
}

void exportOnnx(ClassifierImpl &model, const std::string &path)
{
    const ModelSpec &spec = model.spec();
    if (spec.arch != "mnist-cnn" && spec.arch != "resnet20")
        throw std::invalid_argument("ONNX export supports mnist-cnn and resnet20, not '" +
                                    spec.arch + "'");
    torch::NoGradGuard noGrad;
    onnx::ModelProto proto;
    proto.set_ir_version(7);
    proto.set_producer_name("QuantLens");
    proto.set_model_version(1);
    auto *opset = proto.add_opset_import();
    opset->set_domain("");
    opset->set_version(kOpset);
    onnx::GraphProto *graph = proto.mutable_graph();
    graph->set_name("quantlens_" + spec.arch);
    valueInfo(graph->add_input(), "input", {spec.inChannels, spec.imageSize, spec.imageSize});
    valueInfo(graph->add_output(), "logits", {spec.numClasses});

    OnnxBuilder b(model, graph);
    if (spec.arch == "mnist-cnn") {
        std::string x = b.act(b.conv("input", "conv1", 1, 0, true), "conv1_pact");
        x = b.act(b.conv(x, "conv2", 1, 0, true), "conv2_pact");
        x = b.g().node("MaxPool", {x});
        b.g().attrInts("kernel_shape", {2, 2});
        b.g().attrInts("strides", {2, 2});
        x = b.g().node("Flatten", {x});
        b.g().attrInt("axis", 1);
        x = b.act(b.gemm(x, "fc1"), "fc1_pact");
        b.gemm(x, "fc2", "logits");
    } else {
        std::string x = b.act(b.bn(b.conv("input", "conv1", 1, 1, false), "bn1"), "conv1_pact");
        int64_t inPlanes = 16;
        const int64_t widths[3] = {16, 32, 64};
        for (int stage = 0; stage < 3; ++stage)
            for (int block = 0; block < 3; ++block) {
                const int64_t stride = (stage > 0 && block == 0) ? 2 : 1;
                const std::string p =
                    "layer" + std::to_string(stage + 1) + "." + std::to_string(block) + ".";
                std::string o = b.act(b.bn(b.conv(x, p + "conv1", stride, 1, false), p + "bn1"),
                                      p + "conv1_pact");
                o = b.bn(b.conv(o, p + "conv2", 1, 1, false), p + "bn2");
                std::string shortcut = x;
                if (stride == 2) {
                    shortcut = b.g().node(
                        "Slice",
                        {x, b.g().ints(p + "sc_starts", onnx::TensorProto::INT64, {2}, {0, 0}),
                         b.g().ints(p + "sc_ends", onnx::TensorProto::INT64, {2},
                                    {INT64_MAX, INT64_MAX}),
                         b.g().ints(p + "sc_axes", onnx::TensorProto::INT64, {2}, {2, 3}),
                         b.g().ints(p + "sc_steps", onnx::TensorProto::INT64, {2}, {2, 2})});
                }
                const int64_t pad = (widths[stage] - inPlanes) / 2;
                if (pad > 0)
                    shortcut = b.g().node(
                        "Pad", {shortcut, b.g().ints(p + "sc_pads", onnx::TensorProto::INT64, {8},
                                                     {0, pad, 0, 0, 0, pad, 0, 0})});
                x = b.act(b.g().node("Add", {o, shortcut}), p + "conv2_pact");
                inPlanes = widths[stage];
            }
        x = b.g().node("GlobalAveragePool", {x});
        x = b.g().node("Flatten", {x});
        b.g().attrInt("axis", 1);
        b.gemm(x, "fc", "logits");
    }
    addMeta(proto, "quantlens.arch", spec.arch);
    addMeta(proto, "quantlens.weights", b.bitsJson().dump());
    addMeta(proto, "quantlens.activations", b.actsJson().dump());
    addMeta(proto, "quantlens.encoding",
            "Quantized weights of k bits are stored as the odd integers q = 2i - (2^k - 1) of "
            "their DoReFa levels i = 0..2^k-1 (a k-bit grid of 2^k values), in int8 for k <= 7 "
            "and int32 for k = 8 (the 8-bit grid needs 9 bits), with DequantizeLinear scale "
            "s / (2^k - 1): weight = q s / (2^k - 1). PACT activations of k bits are "
            "Clip(0, alpha) then QuantizeLinear / DequantizeLinear to uint8 with zero point 0 "
            "and scale alpha / (2^k - 1): only the k-bit levels 0..2^k-1 occur. The input is the "
            "normalised float image, as in the trained model.");

    try {
        onnx::checker::check_model(proto);
    } catch (const std::exception &e) {
        throw std::runtime_error("the ONNX model for '" + path +
                                 "' failed onnx::checker: " + e.what());
    }
    const std::string temp = path + ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out)
            throw std::runtime_error("cannot write '" + temp +
                                     "': check that the folder exists and is writable");
        if (!proto.SerializeToOstream(&out) || !out.flush()) {
            out.close();
            std::filesystem::remove(temp);
            throw std::runtime_error("writing '" + temp + "' failed (disk full?)");
        }
    }
    std::error_code error;
    std::filesystem::rename(temp, path, error);
    if (error) {
        std::filesystem::remove(temp, error);
        throw std::runtime_error("cannot replace '" + path + "': " + error.message());
    }
}

void checkOnnxFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot open ONNX model '" + path + "'");
    onnx::ModelProto proto;
    if (!proto.ParseFromIstream(&in))
        throw std::runtime_error("'" + path +
                                 "' is not a valid ONNX model: it does not parse "
                                 "(truncated or not ONNX)");
    try {
        onnx::checker::check_model(proto);
    } catch (const std::exception &e) {
        throw std::runtime_error("'" + path + "' is not a valid ONNX model: " + e.what());
    }
}

#endif

} // namespace ql::core::deploy
