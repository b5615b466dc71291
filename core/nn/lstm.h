#pragma once
// Long short-term memory over padded, time-major batches (tensor.h), PyTorch's
// formulation and gate order (i, f, g, o):
//   z_t = W_ih x_t + b_ih + W_hh h_{t-1} + b_hh          (4H)
//   i = sigma(z_i), f = sigma(z_f), g = tanh(z_g), o = sigma(z_o)
//   c_t = f * c_{t-1} + i * g,   h_t = o * tanh(c_t)
// A reverse LSTM runs t = T-1 .. 0 and starts each sample at its own last valid frame:
// at padding frames (t >= length) the state is held at zero (c = h = 0), so a batch
// gives the same result as its samples one by one.

#include "param.h"
#include "tensor.h"

namespace inklens::nn {

class Lstm
{
public:
    Lstm() = default;
    Lstm(int in, int hidden, bool reverse, const std::string& name);
    int in = 0, hidden = 0;
    bool reverse = false;
    Param wih;  // (4H, in)
    Param whh;  // (4H, H)
    Param bih;  // (4H)
    Param bhh;  // (4H)

    struct Cache
    {
        Mat gates;  // (T*N, 4H) activated gates i, f, g, o
        Mat c;      // (T*N, H) cell states
    };
    // h: (T*N, H) hidden states in time order <- x: (T, N, in)
    void forward(const Seq& x, Mat& h, Cache& cache) const;
    // Full backpropagation through time. dh: (T*N, H) dLoss/dh_t from above.
    // Accumulates parameter grads; dx (T*N, in) += gradient w.r.t. x if non-null.
    void backward(const Seq& x, const Mat& h, const Mat& dh, const Cache& cache, Mat* dx);
    void initDefault(Rng& rng);  // U(-1/sqrt(H), 1/sqrt(H)), as PyTorch
    // For a copy whose weights will not change (inference): keep them transposed for the
    // engine's own GEMM (gemm_kernels.h), which forward then uses for the input projection
    // and the recurrent product. Without it forward runs on OpenBLAS.
    void prepareInference();

private:
    Mat m_wihT, m_whhT;  // (in, 4H), (H, 4H): valid when non-empty
    Vec m_whhGemv;       // m_whhT as gemvPackB stores it (batch 1)
    RowVec m_bias;       // bih + bhh
};

// Bidirectional LSTM: y = [h_forward | h_backward], (T, N, 2H).
class BiLstm
{
public:
    BiLstm() = default;
    BiLstm(int in, int hidden, const std::string& name);
    Lstm fwd, bwd;
    int hidden() const { return fwd.hidden; }

    struct Cache
    {
        Lstm::Cache f, b;
        Mat hf, hb;  // (T*N, H) each
        // backward's buffers, reused: the two halves of dy, the reverse direction's dx
        Mat dhf, dhb, dxb;
    };
    void forward(const Seq& x, Seq& y, Cache& cache) const;
    void backward(const Seq& x, const Seq& dy, Cache& cache, Seq* dx);
    void initDefault(Rng& rng);
    void prepareInference();  // both directions (Lstm::prepareInference)
};

}  // namespace inklens::nn
