import { z } from 'zod'

/** 9001 sign in / 9002 sign out. */
export const signInInputSchema = z.object({
  signIn: z.object({
    opter_no: z.string().min(1, 'opter_no 不能为空').max(30),
    mac: z.string().min(1, 'mac 不能为空').max(50),
    ip: z.string().min(1, 'ip 不能为空').max(50),
  }),
})
export const signInOutputSchema = z.object({
  signinoutb: z.object({ sign_time: z.string(), sign_no: z.string() }),
})

export const signOutInputSchema = z.object({
  signOut: z.object({
    sign_no: z.string().min(1, 'sign_no 不能为空').max(30),
    opter_no: z.string().min(1, 'opter_no 不能为空').max(30),
  }),
})
export const signOutOutputSchema = z.object({
  signoutoutb: z.object({ sign_time: z.string(), sign_no: z.string() }),
})
