// Test classes of this assembly run one at a time. The in-process kernels (TestKernel) and the kernels Jupyter starts
// both take loopback ports that were free a moment earlier, and the clients' connections take ephemeral ports from the
// same range: run side by side, a kernel started by nbconvert could find its port taken ("cannot bind", seen once in
// CI on 2026-11-23). One at a time, every port a test picks is still free when its kernel binds it.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
