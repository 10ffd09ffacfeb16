namespace ForecastService.Trainer.Nn;

/// <summary>Where one recurrent layer's tensors sit in the flat parameter vector, in ONNX layouts.</summary>
/// <param name="InputSize">Width of the layer's input per step.</param>
/// <param name="Gates">Gate rows G: 4H for LSTM (i, o, f, c), 3H for GRU (z, r, h), H for RNN.</param>
/// <param name="W">Offset of W [G, InputSize].</param>
/// <param name="R">Offset of R [G, H].</param>
/// <param name="B">Offset of B [2G] = [Wb; Rb].</param>
internal readonly record struct RecurrentLayerSlots(int InputSize, int Gates, int W, int R, int B);
