package io.histoseek.app;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;

/** Prints the JVM options the launchers set, as key=value lines, for the launcher tests. */
public final class JvmOptionsProbe {
    private JvmOptionsProbe() {}

    public static void main(String[] args) {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        for (String option : new String[] {"MaxRAMPercentage", "ExitOnOutOfMemoryError", "MaxHeapSize"}) {
            System.out.println(option + "=" + vm.getVMOption(option).getValue());
        }
    }
}
