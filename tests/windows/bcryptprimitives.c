/* A stand-in for Windows' bcryptprimitives.dll, for the Wine prefix the
 * Windows tests run in, never shipped. Rust's standard library (1.78 and
 * later) draws its random numbers from ProcessPrng in that DLL; every
 * Windows 10 and 11 has it, Wine 8.0 does not. RtlGenRandom
 * (SystemFunction036 in advapi32) is the same operating-system generator
 * under its older name. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
