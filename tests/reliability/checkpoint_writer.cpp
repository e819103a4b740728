// SPDX-License-Identifier: MIT
// Child process of tst_checkpoint_kill: saves checkpoints in a loop until it is killed.
// Save i fills every parameter with i and records globalStep = i, so a reader can tell a
// checkpoint whose metadata and tensors come from different saves.
#include "core/models/classifier.h"
#include "core/train/checkpoint.h"

#include <cstdio>
#include <string>

int main(int argc, char *argv[])
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: checkpoint_writer DIR\n");
        return 2;
    }
    const std::string dir = argv[1];
    ql::core::CheckpointInfo info;
    info.config.model.arch = "mnist-cnn"; // 1.2 M parameters: a 4.8 MB file, saves take a while
    auto model = ql::core::makeClassifier(info.config.model);
    for (int64_t i = 1;; ++i) {
        {
            torch::NoGradGuard noGrad;
            for (auto &p : model->parameters())
                p.fill_(static_cast<float>(i));
        }
        info.globalStep = i;
        ql::core::saveCheckpoint(dir + (i % 2 ? "/last.ckpt" : "/best.ckpt"), info, *model);
        if (i == 1) {
            std::printf("saving\n");
            std::fflush(stdout);
        }
    }
}
