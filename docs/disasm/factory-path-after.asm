; The factory path after issue 19: Rent(4096) and Dispose through IMemoryPoolFactory<byte>.Create() of a host with
; AddSmallBlockPool() (first half) and AddBitmapPool() (second half), final tier after 60 rounds of 100,000 operations.
; .NET 10.0 (SDK 10.0.401), linux-x64, AMD EPYC (Zen 5). Made with:
;   DOTNET_JitDisasm='*SmallBlockPoolView:Rent *SmallBlockLease:Dispose' DOTNET_JitStdOutFile=after.asm \
;     dotnet BufferPool.Benchmarks.dll --factory-loop small-block   (and the Bitmap names with bitmap)

; Assembly listing for method BufferPool.SmallBlock.SmallBlockPoolView:Rent(int):System.Buffers.IMemoryOwner`1[byte]:this (FullOpts)
; Emitting BLENDED_CODE for generic X64 + VEX + EVEX on Unix
; FullOpts code
; optimized code
; optimized using Synthesized PGO
; rbp based frame
; fully interruptible
; with Synthesized PGO: fgCalledCount is 100
; No PGO data
; 0 inlinees with PGO data; 10 single block inlinees; 11 inlinees without PGO data

G_M000_IG01:                ;; offset=0x0000
       push     rbp
       push     r15
       push     rbx
       lea      rbp, [rsp+0x10]
       mov      rbx, rdi
       mov      r15d, esi
 
G_M000_IG02:                ;; offset=0x000F
       mov      rdi, 0x7F26530A0D68
       mov      rax, 0x7F26539014B0
       call     rax
       cmp      dword ptr [rax], 6
       jle      G_M000_IG29
       mov      rdi, gword ptr [rax+0x08]
       mov      rax, bword ptr [rdi+0x30]
       test     rax, rax
       je       G_M000_IG29
 
G_M000_IG03:                ;; offset=0x003F
       mov      rsi, gword ptr [rax+0x10]
       mov      ecx, dword ptr [rbx+0x18]
       cmp      ecx, 4
       jb       SHORT G_M000_IG06
 
G_M000_IG04:                ;; offset=0x004B
       mov      rdi, rbx
       mov      edx, r15d
 
G_M000_IG05:                ;; offset=0x0051
       pop      rbx
       pop      r15
       pop      rbp
       tail.jmp [BufferPool.SmallBlock.SmallBlockPoolView:RentGeneral(BufferPool.Common.ThreadCache[],int):System.Buffers.IMemoryOwner`1[byte]:this]
 
G_M000_IG06:                ;; offset=0x005B
       mov      rdi, gword ptr [rbx+0x28]
       cmp      byte  ptr [rdi], dil
       cmp      r15d, 0x1000
       je       SHORT G_M000_IG10
 
G_M000_IG07:                ;; offset=0x006B
       lea      edx, [r15+0x01]
       cmp      edx, 1
       jbe      SHORT G_M000_IG10
 
G_M000_IG08:                ;; offset=0x0074
       mov      edx, r15d
       xor      r8d, r8d
       mov      r9d, 1
 
G_M000_IG09:                ;; offset=0x0080
       pop      rbx
       pop      r15
       pop      rbp
       tail.jmp [BufferPool.SmallBlockMemoryPool:RentOtherSize(BufferPool.Common.ThreadCache[],int,int,bool,bool):System.Buffers.IMemoryOwner`1[byte]:this]
 
G_M000_IG10:                ;; offset=0x008A
       mov      edx, dword ptr [rdi+0x84]
       mov      rax, gword ptr [rdi+0x70]
       mov      rax, gword ptr [rax+0x10]
       mov      r8d, dword ptr [rax+0x80]
       test     rsi, rsi
       je       SHORT G_M000_IG14
 
G_M000_IG11:                ;; offset=0x00A4
       mov      r9d, dword ptr [rsi+0x08]
       cmp      r9d, r8d
       jbe      SHORT G_M000_IG14
 
G_M000_IG12:                ;; offset=0x00AD
       mov      r8d, r8d
       mov      rsi, gword ptr [rsi+8*r8+0x10]
       mov      r8, qword ptr [rsi+0x18]
       cmp      r8, qword ptr [rax+0x70]
       jne      SHORT G_M000_IG14
 
G_M000_IG13:                ;; offset=0x00BF
       jmp      SHORT G_M000_IG15
 
G_M000_IG14:                ;; offset=0x00C1
       xor      rsi, rsi
 
G_M000_IG15:                ;; offset=0x00C3
       test     rsi, rsi
       je       G_M000_IG26
 
G_M000_IG16:                ;; offset=0x00CC
       mov      rax, gword ptr [rsi+0x08]
       cmp      byte  ptr [rax], al
       mov      r8d, edx
       imul     r8, r8, 176
       lea      rax, bword ptr [rax+r8+0x10]
       xor      r8, r8
       mov      dword ptr [rsi+0x38], 1
       cmp      dword ptr [rsi+0x3C], 0
       jne      SHORT G_M000_IG25
 
G_M000_IG17:                ;; offset=0x00F1
       mov      r8, gword ptr [rax]
       test     r8, r8
       je       SHORT G_M000_IG23
 
G_M000_IG18:                ;; offset=0x00F9
       xor      r9, r9
       mov      gword ptr [rax], r9
       mov      r9d, ecx
       lea      rax, bword ptr [rax+8*r9+0x18]
       inc      qword ptr [rax]
 
G_M000_IG19:                ;; offset=0x010A
       xor      eax, eax
       mov      dword ptr [rsi+0x38], eax
 
G_M000_IG20:                ;; offset=0x010F
       test     r8, r8
       je       SHORT G_M000_IG27
 
G_M000_IG21:                ;; offset=0x0114
       mov      dword ptr [r8+0x30], 2
       mov      rax, r8
 
G_M000_IG22:                ;; offset=0x011F
       pop      rbx
       pop      r15
       pop      rbp
       ret      
 
G_M000_IG23:                ;; offset=0x0124
       mov      r9d, dword ptr [rax+0x10]
       dec      r9d
       js       SHORT G_M000_IG19
 
G_M000_IG24:                ;; offset=0x012D
       mov      dword ptr [rax+0x10], r9d
       mov      r8d, r9d
       lea      r8, bword ptr [rax+8*r8+0x38]
       mov      r9, gword ptr [r8]
       xor      r10, r10
       mov      gword ptr [r8], r10
       mov      r8d, ecx
       lea      rax, bword ptr [rax+8*r8+0x18]
       inc      qword ptr [rax]
       mov      r8, r9
       jmp      SHORT G_M000_IG19
 
G_M000_IG25:                ;; offset=0x0152
       xor      eax, eax
       mov      dword ptr [rsi+0x38], eax
       jmp      SHORT G_M000_IG20
 
G_M000_IG26:                ;; offset=0x0159
       xor      r8, r8
       jmp      SHORT G_M000_IG20
 
G_M000_IG27:                ;; offset=0x015E
       mov      esi, edx
       mov      edx, ecx
       xor      ecx, ecx
       mov      r8d, 1
 
G_M000_IG28:                ;; offset=0x016A
       pop      rbx
       pop      r15
       pop      rbp
       tail.jmp [BufferPool.SmallBlockMemoryPool:RentUncached(int,int,bool,bool):System.Buffers.IMemoryOwner`1[byte]:this]
 
G_M000_IG29:                ;; offset=0x0174
       mov      edi, 6
       call     [CORINFO_HELP_GETDYNAMIC_GCTHREADSTATIC_BASE_NOCTOR_OPTIMIZED]
       jmp      G_M000_IG03
 
; Total bytes of code 388

; Assembly listing for method BufferPool.SmallBlock.SmallBlockLease:Dispose():this (FullOpts)
; Emitting BLENDED_CODE for generic X64 + VEX + EVEX on Unix
; FullOpts code
; optimized code
; optimized using Synthesized PGO
; rbp based frame
; fully interruptible
; with Synthesized PGO: fgCalledCount is 100
; No PGO data
; 0 inlinees with PGO data; 9 single block inlinees; 5 inlinees without PGO data

G_M000_IG01:                ;; offset=0x0000
       push     rbp
       push     r15
       push     rbx
       lea      rbp, [rsp+0x10]
       mov      rbx, rdi
 
G_M000_IG02:                ;; offset=0x000C
       mov      rdi, 0x7F26530A0D68
       mov      rax, 0x7F26539014B0
       call     rax
       cmp      dword ptr [rax], 6
       jle      G_M000_IG26
       mov      rdi, gword ptr [rax+0x08]
       mov      rax, bword ptr [rdi+0x30]
       test     rax, rax
       je       G_M000_IG26
 
G_M000_IG03:                ;; offset=0x003C
       mov      rdi, gword ptr [rax+0x10]
       lea      rsi, bword ptr [rbx+0x30]
       mov      eax, dword ptr [rsi]
       cmp      eax, 2
       je       SHORT G_M000_IG10
 
G_M000_IG04:                ;; offset=0x004B
       cmp      eax, 1
       jne      G_M000_IG20
 
G_M000_IG05:                ;; offset=0x0054
       xor      ecx, ecx
       mov      eax, 1
       lock     
       cmpxchg  dword ptr [rsi], ecx
       cmp      eax, 1
       jne      G_M000_IG20
 
G_M000_IG06:                ;; offset=0x0068
       mov      rax, gword ptr [rbx+0x18]
       mov      rsi, gword ptr [rax+0x10]
       mov      ecx, dword ptr [rsi+0x80]
       test     rdi, rdi
       je       SHORT G_M000_IG11
 
G_M000_IG07:                ;; offset=0x007B
       cmp      dword ptr [rdi+0x08], ecx
       jbe      SHORT G_M000_IG11
 
G_M000_IG08:                ;; offset=0x0080
       mov      ecx, ecx
       mov      r15, gword ptr [rdi+8*rcx+0x10]
       mov      rdi, qword ptr [r15+0x18]
       cmp      rdi, qword ptr [rsi+0x70]
       jne      SHORT G_M000_IG11
 
G_M000_IG09:                ;; offset=0x0091
       jmp      SHORT G_M000_IG12
 
G_M000_IG10:                ;; offset=0x0093
       xor      eax, eax
       mov      dword ptr [rsi], eax
       jmp      SHORT G_M000_IG06
 
G_M000_IG11:                ;; offset=0x0099
       xor      r15, r15
 
G_M000_IG12:                ;; offset=0x009C
       test     r15, r15
       je       G_M000_IG24
 
G_M000_IG13:                ;; offset=0x00A5
       mov      edi, dword ptr [rbx+0x14]
       mov      rsi, gword ptr [r15+0x08]
       cmp      byte  ptr [rsi], sil
       imul     rdi, rdi, 176
       lea      rdi, bword ptr [rsi+rdi+0x10]
       lea      rsi, bword ptr [rdi+0x08]
       inc      qword ptr [rsi]
       mov      dword ptr [r15+0x38], 1
       cmp      dword ptr [r15+0x3C], 0
       jne      SHORT G_M000_IG23
 
G_M000_IG14:                ;; offset=0x00D1
       cmp      gword ptr [rdi], 0
       jne      SHORT G_M000_IG21
 
G_M000_IG15:                ;; offset=0x00D7
       cmp      dword ptr [rdi+0x14], 0
       jne      SHORT G_M000_IG18
 
G_M000_IG16:                ;; offset=0x00DD
       xor      esi, esi
       mov      dword ptr [r15+0x38], esi
       cmp      dword ptr [rdi+0x14], 0
       je       SHORT G_M000_IG24
 
G_M000_IG17:                ;; offset=0x00E9
       inc      qword ptr [r15+0x20]
       jmp      SHORT G_M000_IG24
 
G_M000_IG18:                ;; offset=0x00EF
       mov      rsi, rbx
       call     CORINFO_HELP_CHECKED_ASSIGN_REF
 
G_M000_IG19:                ;; offset=0x00F7
       xor      edi, edi
       mov      dword ptr [r15+0x38], edi
 
G_M000_IG20:                ;; offset=0x00FD
       pop      rbx
       pop      r15
       pop      rbp
       ret      
 
G_M000_IG21:                ;; offset=0x0102
       mov      esi, dword ptr [rdi+0x10]
       mov      ecx, dword ptr [rdi+0x14]
       dec      ecx
       cmp      esi, ecx
       jge      SHORT G_M000_IG16
 
G_M000_IG22:                ;; offset=0x010E
       lea      eax, [rsi+0x01]
       mov      dword ptr [rdi+0x10], eax
       mov      esi, esi
       lea      rdi, bword ptr [rdi+8*rsi+0x38]
       mov      rsi, rbx
       call     CORINFO_HELP_CHECKED_ASSIGN_REF
       jmp      SHORT G_M000_IG19
 
G_M000_IG23:                ;; offset=0x0125
       xor      edi, edi
       mov      dword ptr [r15+0x38], edi
 
G_M000_IG24:                ;; offset=0x012B
       mov      rdi, rax
       mov      rsi, r15
       mov      rdx, rbx
 
G_M000_IG25:                ;; offset=0x0134
       pop      rbx
       pop      r15
       pop      rbp
       tail.jmp [BufferPool.SmallBlock.SmallBlockEngine`1[System.__Canon]:ReturnUncached(BufferPool.Common.ThreadCache,System.__Canon):this]
 
G_M000_IG26:                ;; offset=0x013E
       mov      edi, 6
       call     [CORINFO_HELP_GETDYNAMIC_GCTHREADSTATIC_BASE_NOCTOR_OPTIMIZED]
       jmp      G_M000_IG03
 
; Total bytes of code 334

; Assembly listing for method BufferPool.Bitmap.BitmapPoolView:Rent(int):System.Buffers.IMemoryOwner`1[byte]:this (FullOpts)
; Emitting BLENDED_CODE for generic X64 + VEX + EVEX on Unix
; FullOpts code
; optimized code
; optimized using Synthesized PGO
; rbp based frame
; fully interruptible
; with Synthesized PGO: fgCalledCount is 100
; No PGO data
; 0 inlinees with PGO data; 10 single block inlinees; 10 inlinees without PGO data

G_M000_IG01:                ;; offset=0x0000
       push     rbp
       push     r15
       push     rbx
       lea      rbp, [rsp+0x10]
       mov      rbx, rdi
       mov      r15d, esi
 
G_M000_IG02:                ;; offset=0x000F
       mov      rdi, 0x7F7F7AAA0D68
       mov      rax, 0x7F7F7B2A64B0
       call     rax
       cmp      dword ptr [rax], 6
       jle      G_M000_IG25
       mov      rdi, gword ptr [rax+0x08]
       mov      rax, bword ptr [rdi+0x30]
       test     rax, rax
       je       G_M000_IG25
 
G_M000_IG03:                ;; offset=0x003F
       mov      rsi, gword ptr [rax+0x10]
       mov      eax, dword ptr [rbx+0x18]
       cmp      eax, 4
       jb       SHORT G_M000_IG06
 
G_M000_IG04:                ;; offset=0x004B
       mov      rdi, rbx
       mov      edx, r15d
 
G_M000_IG05:                ;; offset=0x0051
       pop      rbx
       pop      r15
       pop      rbp
       tail.jmp [BufferPool.Bitmap.BitmapPoolView:RentGeneral(BufferPool.Common.ThreadCache[],int):System.Buffers.IMemoryOwner`1[byte]:this]
 
G_M000_IG06:                ;; offset=0x005B
       mov      rdi, gword ptr [rbx+0x28]
       lea      edx, [r15+0x01]
       mov      ecx, dword ptr [rdi+0x78]
       inc      ecx
       cmp      edx, ecx
       ja       G_M000_IG26
       mov      rdx, gword ptr [rdi+0x70]
       mov      rdx, gword ptr [rdx+0x18]
       mov      ecx, dword ptr [rdx+0x80]
       test     rsi, rsi
       je       SHORT G_M000_IG10
 
G_M000_IG07:                ;; offset=0x0083
       mov      r8d, dword ptr [rsi+0x08]
       cmp      r8d, ecx
       jbe      SHORT G_M000_IG10
 
G_M000_IG08:                ;; offset=0x008C
       mov      ecx, ecx
       mov      rsi, gword ptr [rsi+8*rcx+0x10]
       mov      rcx, qword ptr [rsi+0x18]
       cmp      rcx, qword ptr [rdx+0x70]
       jne      SHORT G_M000_IG10
 
G_M000_IG09:                ;; offset=0x009D
       jmp      SHORT G_M000_IG11
 
G_M000_IG10:                ;; offset=0x009F
       xor      rsi, rsi
 
G_M000_IG11:                ;; offset=0x00A1
       test     rsi, rsi
       je       G_M000_IG22
 
G_M000_IG12:                ;; offset=0x00AA
       mov      rdx, gword ptr [rsi+0x08]
       cmp      byte  ptr [rdx], dl
       add      rdx, 16
       xor      rcx, rcx
       mov      dword ptr [rsi+0x38], 1
       cmp      dword ptr [rsi+0x3C], 0
       jne      SHORT G_M000_IG21
 
G_M000_IG13:                ;; offset=0x00C3
       mov      rcx, gword ptr [rdx]
       test     rcx, rcx
       je       SHORT G_M000_IG19
 
G_M000_IG14:                ;; offset=0x00CB
       xor      r8, r8
       mov      gword ptr [rdx], r8
       mov      r8d, eax
       lea      rdx, bword ptr [rdx+8*r8+0x18]
       inc      qword ptr [rdx]
 
G_M000_IG15:                ;; offset=0x00DC
       xor      edx, edx
       mov      dword ptr [rsi+0x38], edx
 
G_M000_IG16:                ;; offset=0x00E1
       test     rcx, rcx
       je       SHORT G_M000_IG23
 
G_M000_IG17:                ;; offset=0x00E6
       mov      dword ptr [rcx+0x30], 2
       mov      rax, rcx
 
G_M000_IG18:                ;; offset=0x00F0
       pop      rbx
       pop      r15
       pop      rbp
       ret      
 
G_M000_IG19:                ;; offset=0x00F5
       mov      r8d, dword ptr [rdx+0x10]
       dec      r8d
       js       SHORT G_M000_IG15
 
G_M000_IG20:                ;; offset=0x00FE
       mov      dword ptr [rdx+0x10], r8d
       mov      ecx, r8d
       lea      rcx, bword ptr [rdx+8*rcx+0x38]
       mov      r8, gword ptr [rcx]
       xor      r9, r9
       mov      gword ptr [rcx], r9
       mov      ecx, eax
       lea      rdx, bword ptr [rdx+8*rcx+0x18]
       inc      qword ptr [rdx]
       mov      rcx, r8
       jmp      SHORT G_M000_IG15
 
G_M000_IG21:                ;; offset=0x0122
       xor      edx, edx
       mov      dword ptr [rsi+0x38], edx
       jmp      SHORT G_M000_IG16
 
G_M000_IG22:                ;; offset=0x0129
       xor      rcx, rcx
       jmp      SHORT G_M000_IG16
 
G_M000_IG23:                ;; offset=0x012D
       mov      esi, eax
       xor      edx, edx
       mov      ecx, 1
 
G_M000_IG24:                ;; offset=0x0136
       pop      rbx
       pop      r15
       pop      rbp
       tail.jmp [BufferPool.BitmapMemoryPool:RentUncached(int,bool,bool):System.Buffers.IMemoryOwner`1[byte]:this]
 
G_M000_IG25:                ;; offset=0x0140
       mov      edi, 6
       call     [CORINFO_HELP_GETDYNAMIC_GCTHREADSTATIC_BASE_NOCTOR_OPTIMIZED]
       jmp      G_M000_IG03
 
G_M000_IG26:                ;; offset=0x0150
       mov      esi, dword ptr [rdi+0x78]
       mov      edi, r15d
       call     [BufferPool.ThrowHelper:ThrowRentSizeOutOfRange(int,int)]
       int3     
 
; Total bytes of code 349

; Assembly listing for method BufferPool.Bitmap.BitmapLease:Dispose():this (FullOpts)
; Emitting BLENDED_CODE for generic X64 + VEX + EVEX on Unix
; FullOpts code
; optimized code
; optimized using Synthesized PGO
; rbp based frame
; fully interruptible
; with Synthesized PGO: fgCalledCount is 100
; No PGO data
; 0 inlinees with PGO data; 8 single block inlinees; 5 inlinees without PGO data

G_M000_IG01:                ;; offset=0x0000
       push     rbp
       push     r15
       push     rbx
       lea      rbp, [rsp+0x10]
       mov      rbx, rdi
 
G_M000_IG02:                ;; offset=0x000C
       mov      rdi, 0x7F7F7AAA0D68
       mov      rax, 0x7F7F7B2A64B0
       call     rax
       cmp      dword ptr [rax], 6
       jle      G_M000_IG26
       mov      rdi, gword ptr [rax+0x08]
       mov      rax, bword ptr [rdi+0x30]
       test     rax, rax
       je       G_M000_IG26
 
G_M000_IG03:                ;; offset=0x003C
       mov      rdi, gword ptr [rax+0x10]
       lea      rsi, bword ptr [rbx+0x30]
       mov      eax, dword ptr [rsi]
       cmp      eax, 2
       je       SHORT G_M000_IG10
 
G_M000_IG04:                ;; offset=0x004B
       cmp      eax, 1
       jne      G_M000_IG20
 
G_M000_IG05:                ;; offset=0x0054
       xor      ecx, ecx
       mov      eax, 1
       lock     
       cmpxchg  dword ptr [rsi], ecx
       cmp      eax, 1
       jne      G_M000_IG20
 
G_M000_IG06:                ;; offset=0x0068
       mov      rax, gword ptr [rbx+0x18]
       mov      rsi, gword ptr [rax+0x18]
       mov      ecx, dword ptr [rsi+0x80]
       test     rdi, rdi
       je       SHORT G_M000_IG11
 
G_M000_IG07:                ;; offset=0x007B
       cmp      dword ptr [rdi+0x08], ecx
       jbe      SHORT G_M000_IG11
 
G_M000_IG08:                ;; offset=0x0080
       mov      ecx, ecx
       mov      r15, gword ptr [rdi+8*rcx+0x10]
       mov      rdi, qword ptr [r15+0x18]
       cmp      rdi, qword ptr [rsi+0x70]
       jne      SHORT G_M000_IG11
 
G_M000_IG09:                ;; offset=0x0091
       jmp      SHORT G_M000_IG12
 
G_M000_IG10:                ;; offset=0x0093
       xor      eax, eax
       mov      dword ptr [rsi], eax
       jmp      SHORT G_M000_IG06
 
G_M000_IG11:                ;; offset=0x0099
       xor      r15, r15
 
G_M000_IG12:                ;; offset=0x009C
       test     r15, r15
       je       SHORT G_M000_IG24
 
G_M000_IG13:                ;; offset=0x00A1
       mov      rdi, gword ptr [r15+0x08]
       cmp      byte  ptr [rdi], dil
       add      rdi, 16
       lea      rsi, bword ptr [rdi+0x08]
       inc      qword ptr [rsi]
       mov      dword ptr [r15+0x38], 1
       cmp      dword ptr [r15+0x3C], 0
       jne      SHORT G_M000_IG23
 
G_M000_IG14:                ;; offset=0x00C2
       cmp      gword ptr [rdi], 0
       jne      SHORT G_M000_IG21
 
G_M000_IG15:                ;; offset=0x00C8
       cmp      dword ptr [rdi+0x14], 0
       jne      SHORT G_M000_IG18
 
G_M000_IG16:                ;; offset=0x00CE
       xor      esi, esi
       mov      dword ptr [r15+0x38], esi
       cmp      dword ptr [rdi+0x14], 0
       je       SHORT G_M000_IG24
 
G_M000_IG17:                ;; offset=0x00DA
       inc      qword ptr [r15+0x20]
       jmp      SHORT G_M000_IG24
 
G_M000_IG18:                ;; offset=0x00E0
       mov      rsi, rbx
       call     CORINFO_HELP_ASSIGN_REF
 
G_M000_IG19:                ;; offset=0x00E8
       xor      edi, edi
       mov      dword ptr [r15+0x38], edi
 
G_M000_IG20:                ;; offset=0x00EE
       pop      rbx
       pop      r15
       pop      rbp
       ret      
 
G_M000_IG21:                ;; offset=0x00F3
       mov      esi, dword ptr [rdi+0x10]
       mov      ecx, dword ptr [rdi+0x14]
       dec      ecx
       cmp      esi, ecx
       jge      SHORT G_M000_IG16
 
G_M000_IG22:                ;; offset=0x00FF
       lea      eax, [rsi+0x01]
       mov      dword ptr [rdi+0x10], eax
       mov      esi, esi
       lea      rdi, bword ptr [rdi+8*rsi+0x38]
       mov      rsi, rbx
       call     CORINFO_HELP_CHECKED_ASSIGN_REF
       jmp      SHORT G_M000_IG19
 
G_M000_IG23:                ;; offset=0x0116
       xor      edi, edi
       mov      dword ptr [r15+0x38], edi
 
G_M000_IG24:                ;; offset=0x011C
       mov      rdi, rax
       mov      rsi, r15
       mov      rdx, rbx
 
G_M000_IG25:                ;; offset=0x0125
       pop      rbx
       pop      r15
       pop      rbp
       tail.jmp [BufferPool.Bitmap.BitmapEngine`1[System.__Canon]:ReturnUncached(BufferPool.Common.ThreadCache,System.__Canon):this]
 
G_M000_IG26:                ;; offset=0x012F
       mov      edi, 6
       call     [CORINFO_HELP_GETDYNAMIC_GCTHREADSTATIC_BASE_NOCTOR_OPTIMIZED]
       jmp      G_M000_IG03
 
; Total bytes of code 319

