import '@/lib/schemas/zod-config';
import { createRoot } from 'react-dom/client';
import '@/components/options/options.css';
import { OptionsApp } from '@/components/options/options-app';

const root = document.getElementById('root');
if (root) createRoot(root).render(<OptionsApp />);
