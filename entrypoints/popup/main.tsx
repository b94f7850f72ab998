import '@/lib/schemas/zod-config';
import { createRoot } from 'react-dom/client';
import '@/components/popup/popup.css';
import { PopupApp } from '@/components/popup/popup-app';

const root = document.getElementById('root');
if (root) createRoot(root).render(<PopupApp />);
