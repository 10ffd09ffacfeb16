// The tests build images and run several containers each; on a small machine running them side by side only makes
// every wait longer, so they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
