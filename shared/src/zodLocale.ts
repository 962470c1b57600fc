import { z } from 'zod';

// Validation messages in Chinese for both server answers and mini-program forms.
z.config(z.locales.zhCN());
